// Bearer tokens: the admin token (TPS_ADMIN_TOKEN) and one token per component, issued at
// registration. Only SHA-256 digests are kept and compared, in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { HttpProblem } from '../../packages/http/src/index.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored SHA-256 digest without leaking where they differ. */
export function matchesHash(presented: string, storedHashHex: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = Buffer.from(storedHashHex, 'hex');
  return b.length === a.length && timingSafeEqual(a, b);
}

/** `<code>.<secret>`: the code lets the directory find the stored digest without scanning. */
export function newComponentToken(code: string): string {
  return `${code}.${randomBytes(32).toString('base64url')}`;
}

export function componentCodeOfToken(token: string): string | undefined {
  const dot = token.indexOf('.');
  return dot > 0 ? token.slice(0, dot) : undefined;
}

export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,512})$/.exec(header) : null;
  if (!m?.[1]) throw HttpProblem.unauthorized();
  return m[1];
}

export function requireAdmin(adminTokenHash: string | undefined, req: Request): void {
  const token = bearerToken(req);
  if (!adminTokenHash) throw HttpProblem.unauthorized('the admin API is disabled: TPS_ADMIN_TOKEN is not set');
  if (!matchesHash(token, adminTokenHash)) throw HttpProblem.unauthorized('the admin token is not valid');
}
