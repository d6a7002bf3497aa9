// One step for a sender (F1, NF3): encrypt the payload for the receiver's encryption certificate
// (when given) and sign the envelope over the body as it will travel. The message ID is fixed
// first because the ciphertext is bound to it.
import { randomUUID, type X509Certificate } from 'node:crypto';
import type { ComponentIdentity } from '../../../trust/src/index.js';
import type { Envelope } from './headers.js';
import { encryptPayload, type EnvelopeEncryption } from './payload-cipher.js';
import { signEnvelope, type EnvelopeFields } from './signer.js';

export function sealEnvelope(identity: ComponentIdentity, fields: Omit<EnvelopeFields, 'encryption'>, payload: Buffer, recipient: X509Certificate | undefined): { envelope: Envelope; body: Buffer } {
  const messageId = fields.messageId ?? randomUUID();
  let body = payload;
  let encryption: EnvelopeEncryption | undefined;
  if (recipient) ({ body, encryption } = encryptPayload(payload, recipient, { messageId, sender: identity.code, receiver: fields.receiver, businessType: fields.businessType }));
  return { envelope: signEnvelope(identity, { ...fields, messageId, ...(encryption ? { encryption } : {}) }, body), body };
}
