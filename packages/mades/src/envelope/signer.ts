// Signs envelopes with the component's directory-issued ECDSA P-256 key (F1). ECDSA rather than
// RSA: ~24,000 signs/s against ~1,300/s for RSA-2048 on the 2-core target.
import { randomUUID, sign } from 'node:crypto';
import type { ComponentIdentity } from '../../../trust/src/index.js';
import { canonicalString, payloadDigest } from './canonical.js';
import type { Envelope, EnvelopeKind } from './headers.js';
import type { EnvelopeEncryption } from './payload-cipher.js';

export interface EnvelopeFields {
  kind?: EnvelopeKind;
  messageId?: string;
  receiver: string;
  businessType: string;
  baMessageId?: string;
  senderParty: string;
  created?: Date;
  ttlMs: number;
  priority?: number;
  /** Set when `body` is the ciphertext made by encryptPayload (its headers are signed too). */
  encryption?: EnvelopeEncryption;
}

/** Signs the envelope for `body` as it travels: the ciphertext when `fields.encryption` is set. */
export function signEnvelope(identity: ComponentIdentity, fields: EnvelopeFields, body: Uint8Array): Envelope {
  const unsigned: Omit<Envelope, 'signature'> = {
    kind: fields.kind ?? 'DOC',
    messageId: fields.messageId ?? randomUUID(),
    sender: identity.code,
    receiver: fields.receiver,
    businessType: fields.businessType,
    baMessageId: fields.baMessageId ?? '',
    senderParty: fields.senderParty,
    created: (fields.created ?? new Date()).toISOString(),
    ttlMs: fields.ttlMs,
    priority: fields.priority ?? 0,
    digest: payloadDigest(body),
    certSerial: identity.serial,
    ...(fields.encryption ? { encryption: fields.encryption } : {}),
  };
  const signature = sign('sha256', Buffer.from(canonicalString(unsigned), 'utf8'), { key: identity.signingKey, dsaEncoding: 'ieee-p1363' });
  return { ...unsigned, signature: signature.toString('base64url') };
}
