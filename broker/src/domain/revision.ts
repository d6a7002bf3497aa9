// Revisions only move forward (ECP/UFTP practice): per sender, kind and mRID, a higher revision
// is new; the same revision with the same content is "already received" (no effect, positive
// answer); a lower or equal revision with other content is refused (A51).
import { createHash } from 'node:crypto';
import { reject, type Rejection } from './types.js';

export type RevisionOutcome = { outcome: 'new' } | { outcome: 'already-received' } | { outcome: 'rejected'; rejection: Rejection };

export function checkRevision(previous: { revision: number; contentHash: string } | undefined, revision: number, contentHash: string): RevisionOutcome {
  if (!previous || revision > previous.revision) return { outcome: 'new' };
  if (revision === previous.revision && contentHash === previous.contentHash) return { outcome: 'already-received' };
  return {
    outcome: 'rejected',
    rejection: reject('A51', `revision ${revision} does not move forward (revision ${previous.revision} already received with ${revision === previous.revision ? 'other content' : 'a higher number'})`),
  };
}

/** Hash of a parsed document without its creation time: a resend with a new timestamp is the same content. */
export function contentHash(document: object): string {
  const { createdDateTime: _ignored, ...rest } = document as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
