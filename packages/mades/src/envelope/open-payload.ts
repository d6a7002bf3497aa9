// The receiver's last envelope step (F1, NF3), after the signature and digest verified: apply the
// encryption policy and decrypt with the private key named by `tps-enc-serial`. A failure is a
// FAILED reason like any verification failure, so the message is refused and nothing is stored.
import type { KeyObject } from 'node:crypto';
import type { ComponentIdentity } from '../../../trust/src/index.js';
import { FailedReason } from '../errors.js';
import { encryptionRequired, type EncryptionPolicy } from './encryption.policy.js';
import type { Envelope } from './headers.js';
import { decryptPayload, DecryptionError } from './payload-cipher.js';

export type OpenResult = { ok: true; payload: Buffer } | { ok: false; reason: FailedReason; detail: string };

/** The private key for an encryption certificate serial: current key or one kept for renewal overlap. */
export function decryptionKeyFor(identity: ComponentIdentity, serial: string): KeyObject | undefined {
  const wanted = serial.toUpperCase();
  return identity.decryptionKeys?.get(wanted) ?? (identity.encryptionSerial.toUpperCase() === wanted ? identity.encryptionKey : undefined);
}

export function openPayload(e: Envelope, body: Buffer, identity: ComponentIdentity, policy: EncryptionPolicy): OpenResult {
  if (!e.encryption) {
    if (e.kind === 'DOC' && encryptionRequired(policy, e.businessType)) {
      return { ok: false, reason: FailedReason.ENCRYPTION_REQUIRED, detail: `business type ${e.businessType} must be encrypted for ${e.receiver}` };
    }
    return { ok: true, payload: body };
  }
  const key = decryptionKeyFor(identity, e.encryption.serial);
  if (!key) return { ok: false, reason: FailedReason.DECRYPTION_FAILED, detail: `no decryption key for encryption certificate ${e.encryption.serial} of ${e.receiver}` };
  try {
    return { ok: true, payload: decryptPayload(body, e.encryption, e, key) };
  } catch (err) {
    // Whatever went wrong, the message is refused and the consumer carries on.
    return { ok: false, reason: FailedReason.DECRYPTION_FAILED, detail: err instanceof DecryptionError ? err.message : 'the payload cannot be decrypted' };
  }
}
