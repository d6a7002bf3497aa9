// Verifies a received envelope against the directory (F1): unknown, revoked or expired signer,
// bad signature, tampered payload, a sender component that does not represent the sender party,
// a closed message path or an expired TTL each give a FAILED reason code; nothing is thrown and
// nothing is processed. Checks run cheapest-first; the signature precedes everything that trusts
// header content beyond routing.
import { verify, type KeyObject, type X509Certificate } from 'node:crypto';
import type { CertificateStatus, DirectoryView } from '../../../trust/src/index.js';
import { FailedReason } from '../errors.js';
import { canonicalString, payloadDigest } from './canonical.js';
import { parseHeaders, type Envelope } from './headers.js';
import { GCM_TAG_BYTES } from './payload-cipher.js';

export interface VerifyOptions {
  directory: DirectoryView;
  /** This component's code: envelopes for anyone else are refused. */
  self: string;
  maxPayloadBytes: number;
  now?: Date;
  /** Tolerated clock difference for 'created' in the future. */
  clockSkewMs?: number;
}

export type VerifyResult =
  | { ok: true; envelope: Envelope }
  | { ok: false; reason: FailedReason; detail: string; envelope?: Envelope; partial: Partial<Envelope> };

/**
 * Optional capability of a directory view (now also the optional `DirectoryView.certificateStatus`
 * of the trust contract): say why a certificate is not usable. Without it the verifier tells
 * 'expired' from 'unknown or revoked' by asking for the certificate at the envelope's creation time.
 */
export interface CertificateStatusView {
  certificateStatus(componentCode: string, serial: string, at: Date): CertificateStatus;
}

const publicKeys = new WeakMap<X509Certificate, KeyObject>();
function publicKeyOf(cert: X509Certificate): KeyObject {
  let key = publicKeys.get(cert);
  if (!key) publicKeys.set(cert, (key = cert.publicKey));
  return key;
}

export function verifyEnvelope(rawHeaders: Record<string, unknown> | undefined, body: Buffer, o: VerifyOptions): VerifyResult {
  const parsed = parseHeaders(rawHeaders);
  if ('problem' in parsed) return { ok: false, reason: FailedReason.MALFORMED_ENVELOPE, detail: parsed.problem, partial: parsed.partial };
  const e = parsed.envelope;
  const fail = (reason: FailedReason, detail: string): VerifyResult => ({ ok: false, reason, detail, envelope: e, partial: e });
  const now = o.now ?? new Date();

  // The limit is on the document; an encrypted body is the document plus the GCM tag.
  const limit = o.maxPayloadBytes + (e.encryption ? GCM_TAG_BYTES : 0);
  if (body.length > limit) return fail(FailedReason.PAYLOAD_TOO_LARGE, `body of ${body.length} bytes exceeds ${limit}`);
  if (e.receiver !== o.self) return fail(FailedReason.WRONG_RECEIVER, `addressed to ${e.receiver}, delivered to ${o.self}`);

  const component = o.directory.component(e.sender);
  if (!component) return fail(FailedReason.SIGNER_UNKNOWN, `sender component ${e.sender} is not in the directory`);
  if (component.status === 'revoked') return fail(FailedReason.SIGNER_REVOKED, `sender component ${e.sender} is revoked`);
  if (component.status !== 'approved') return fail(FailedReason.SIGNER_UNKNOWN, `sender component ${e.sender} is not approved`);
  const cert = o.directory.signingCertificate(e.sender, e.certSerial, now);
  if (!cert) return fail(...whyNoCertificate(o.directory, e, now));

  const signature = Buffer.from(e.signature, 'base64url');
  const good = verify('sha256', Buffer.from(canonicalString(e), 'utf8'), { key: publicKeyOf(cert), dsaEncoding: 'ieee-p1363' }, signature);
  if (!good) return fail(FailedReason.BAD_SIGNATURE, `signature does not verify with certificate ${e.certSerial} of ${e.sender}`);
  // Over the body as it travels (the ciphertext when encrypted): verified before anything is decrypted.
  if (payloadDigest(body) !== e.digest) return fail(FailedReason.DIGEST_MISMATCH, 'body does not match the signed digest');

  if (e.kind === 'DOC') {
    const represents = component.parties.some((p) => p.party === e.senderParty) || o.directory.componentForParty(e.senderParty)?.code === e.sender;
    if (!represents) return fail(FailedReason.SENDER_PARTY_MISMATCH, `component ${e.sender} does not represent party ${e.senderParty}`);
    if (!o.directory.isPathAllowed(e.receiver, e.sender, e.businessType, now)) {
      return fail(FailedReason.PATH_NOT_ALLOWED, `${e.receiver} does not accept ${e.businessType} from ${e.sender}`);
    }
  }
  const created = Date.parse(e.created);
  if (created > now.getTime() + (o.clockSkewMs ?? 5 * 60_000)) return fail(FailedReason.MALFORMED_ENVELOPE, `created ${e.created} lies in the future`);
  if (created + e.ttlMs < now.getTime()) return fail(FailedReason.TTL_EXPIRED, `expired at ${new Date(created + e.ttlMs).toISOString()}`);
  return { ok: true, envelope: e };
}

function whyNoCertificate(directory: DirectoryView, e: Envelope, now: Date): [FailedReason, string] {
  const what = `certificate ${e.certSerial} of ${e.sender}`;
  if (typeof directory.certificateStatus === 'function') {
    const status = directory.certificateStatus(e.sender, e.certSerial, now);
    if (status === 'revoked') return [FailedReason.SIGNER_REVOKED, `${what} is revoked`];
    if (status === 'expired' || status === 'not-yet-valid') return [FailedReason.SIGNER_EXPIRED, `${what} is ${status}`];
    return [FailedReason.SIGNER_UNKNOWN, `${what} is not published`];
  }
  // Valid when the message was created but not now: expired (a revoked certificate is never returned).
  const created = new Date(e.created);
  if (!Number.isNaN(created.getTime()) && directory.signingCertificate(e.sender, e.certSerial, created)) return [FailedReason.SIGNER_EXPIRED, `${what} has expired`];
  return [FailedReason.SIGNER_UNKNOWN, `${what} is not published, revoked or not valid`];
}
