import { formatTime } from './format.js';
import type { StatusPartsFragment } from './gql/graphql.js';

/** What the page may say about the store and the broker agreeing. */
export interface VerificationWords {
  /** Only then may the page say the store agrees with the broker. */
  readonly verified: boolean;
  /** `Verified at 10:02`, `Not verified since 10:02: broker disconnected`, … */
  readonly text: string;
}

const OFFLINE = 'Not verified: the service cannot be reached';

/**
 * The verification state in a trader's words (docs/reconciliation-rules.md §13). Nothing counts
 * as verified while the page is offline: the last state it heard may no longer hold.
 */
export function verificationWords(status: StatusPartsFragment | null, online: boolean): VerificationWords {
  if (!online) return { verified: false, text: OFFLINE };
  const v = status?.verification;
  if (!v) return { verified: false, text: 'Not verified yet' };
  if (v.state === 'VERIFIED') return { verified: true, text: `Verified at ${formatTime(v.verifiedAt)}` };
  const since = v.verifiedAt ? ` since ${formatTime(v.verifiedAt)}` : '';
  return { verified: false, text: `Not verified${since}: ${plainReason(v.reason)}` };
}

/** "broker DISCONNECTED" reads "broker disconnected" on the page. */
function plainReason(reason: string | null | undefined): string {
  if (!reason) return 'no recent comparison with the broker';
  return reason.replace(/\b(DISCONNECTED|CONNECTING|CONNECTED)\b/, (state) => state.toLowerCase());
}
