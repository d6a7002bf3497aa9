// The string that is signed (F1). Compact and unambiguous: a fixed field order, one field per
// line, and every field's syntax forbids newlines (headers.ts), so no two envelopes share a
// canonical string. The payload enters only through its SHA-256 digest: signing never touches
// or re-serialises the document bytes. An encrypted envelope appends its encryption fields (so
// the receiver verifies the wrapped key, IV and its own certificate serial before decrypting);
// the line count tells the two forms apart, as no field may contain a newline.
import { createHash } from 'node:crypto';
import type { Envelope } from './headers.js';

export const SIGNING_PREFIX = 'TPS-MADES/1';

export function canonicalString(e: Omit<Envelope, 'signature'>): string {
  return [
    SIGNING_PREFIX,
    e.kind,
    e.messageId,
    e.sender,
    e.receiver,
    e.businessType,
    e.baMessageId,
    e.senderParty,
    e.created,
    String(e.ttlMs),
    String(e.priority),
    e.digest,
    e.certSerial.toUpperCase(),
    ...(e.encryption ? ['ENC', e.encryption.alg, e.encryption.serial.toUpperCase(), e.encryption.epk, e.encryption.wrappedKey, e.encryption.iv] : []),
  ].join('\n');
}

export function payloadDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
