// Message paths are defined by the receiver, as in ECP: a message is accepted only when one of
// the receiver's paths names its sender (or '*') and its business type (exact, or a prefix
// ending in '*') and `at` lies inside the path's validity window. No path, no message (F1).
import type { MessagePath } from '../../trust/src/index.js';

export function businessTypeMatches(pattern: string, businessType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return businessType.startsWith(pattern.slice(0, -1));
  return pattern === businessType;
}

export function pathMatches(path: MessagePath, receiverCode: string, senderCode: string, businessType: string, at: Date): boolean {
  if (path.receiverCode !== receiverCode) return false;
  if (path.sender !== '*' && path.sender !== senderCode) return false;
  if (!businessTypeMatches(path.businessType, businessType)) return false;
  const t = at.getTime();
  if (path.validFrom !== undefined && t < Date.parse(path.validFrom)) return false;
  if (path.validUntil !== undefined && t >= Date.parse(path.validUntil)) return false;
  return true;
}
