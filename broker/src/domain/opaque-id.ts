// NF3: identifiers the core writes into forwarded documents are derived, not copied. An AGR's
// document or series mRID (free text, e.g. "AGR1-plan-7") could name the operator; a DSO's limit
// mRID could name the DSO. A keyed digest is stable (updates keep the same mRID, F8a/F6a) and
// reveals nothing. Same inputs → same id, so F8a pushes and F9a answers use the same series mRIDs.
import { createHash } from 'node:crypto';

export function opaqueId(prefix: string, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
  return `${prefix}-${digest}`;
}
