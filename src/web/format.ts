const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedMoney = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const signedQuantity = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 4,
  signDisplay: 'exceptZero',
});

type Maybe<T> = T | null | undefined;

export const NO_VALUE = '—';

export function formatMoney(value: Maybe<number>): string {
  return value === null || value === undefined ? NO_VALUE : money.format(value);
}

/** P&L and differences: the sign is part of the meaning. */
export function formatSignedMoney(value: Maybe<number>): string {
  return value === null || value === undefined ? NO_VALUE : signedMoney.format(value);
}

export function formatQuantity(value: Maybe<number>): string {
  return value === null || value === undefined ? NO_VALUE : quantity.format(value);
}

export function formatSignedQuantity(value: Maybe<number>): string {
  return value === null || value === undefined ? NO_VALUE : signedQuantity.format(value);
}

/** Local wall-clock time, 24-hour: what a person compares with the clock on their screen. */
export function formatTime(iso: Maybe<string | number>): string {
  if (iso === null || iso === undefined || iso === '') return NO_VALUE;
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

/** Date and time for things that may be days old. */
export function formatDateTime(iso: Maybe<string>): string {
  if (!iso) return NO_VALUE;
  const d = new Date(iso);
  return `${d.toLocaleDateString('en-CA')} ${d.toLocaleTimeString('en-GB', { hour12: false })}`;
}

/** `8 ms`, `1.5 s`, `5 min`, `2 min 30 s`, `1 h`, `1 h 30 min`: as precise as it is useful. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${seconds / 60} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.round(seconds / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** `3 s`, `4 min`, `2 h`: how long until (or since) something, for a countdown. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/** POSITION_MISMATCH → Position mismatch. */
export function formatEnum(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The CSS class of a gain or a loss; zero and unknown are neither. */
export function signClass(value: Maybe<number>): string {
  if (value === null || value === undefined || value === 0) return '';
  return value < 0 ? 'loss' : 'gain';
}
