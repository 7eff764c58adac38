import { useEffect, useState } from 'preact/hooks';
import { formatSpan, formatTime } from './format.js';
import type { LinkState } from './live-connection.js';

/**
 * Says plainly when the page is not live: what happened, when it tries again, and how old the
 * figures on screen are. Nothing shows while the page is live.
 */
export function OfflineBanner(props: {
  readonly link: LinkState;
  readonly loadedAt: number | null;
  readonly onRetry: () => void;
}) {
  const { link, loadedAt } = props;
  const now = useNow(link.kind === 'offline' ? 1000 : null);
  if (link.kind === 'online' || link.kind === 'unauthorized') return null;
  if (link.kind === 'connecting' && loadedAt === null && link.attempt === 0) {
    return (
      <div class="banner connecting" role="status" data-testid="offline-banner">
        Connecting to the service…
      </div>
    );
  }
  const asOf =
    loadedAt === null
      ? 'Nothing has been loaded yet.'
      : `The figures below are as of ${formatTime(loadedAt)} at the latest.`;
  return (
    <div class="banner offline" role="alert" data-testid="offline-banner">
      <strong>Offline</strong>
      {link.kind === 'offline' ? (
        <span>
          {' '}
          — {link.reason}. Trying again in {formatSpan(link.retryAt - now)} (attempt {link.attempt}).
        </span>
      ) : (
        <span> — reconnecting…</span>
      )}{' '}
      <span class="muted">{asOf}</span>
      {link.kind === 'offline' && (
        <button type="button" onClick={props.onRetry}>
          Retry now
        </button>
      )}
    </div>
  );
}

/** The current time, refreshed every `everyMs` while it is not null. */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (everyMs === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
