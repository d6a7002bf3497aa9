// Message-level payload encryption as MADES does it (F1, NF3): the body is encrypted for the
// receiving component, so a broker operator sees envelopes, never grid data. Per message a fresh
// 256-bit content key encrypts the payload with AES-256-GCM; the content key is wrapped for the
// receiver like JWE "ECDH-ES+A256KW": an ephemeral P-256 key agreed with the receiver's
// published encryption certificate, HKDF-SHA256 → key-encryption key, AES-256 key wrap (RFC 3394).
// Only node:crypto: createECDH is the cheapest ECDH in Node (one object per private key, reused).
import { createCipheriv, createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH, type KeyObject, type X509Certificate } from 'node:crypto';

/** The one algorithm id carried in `tps-enc` (JWE names: key management / content encryption). */
export const ENCRYPTION_ALG = 'ECDH-ES+A256KW/A256GCM';
export const GCM_TAG_BYTES = 16;
const IV_BYTES = 12;
const CURVE = 'prime256v1';
/** RFC 3394 default initial value: key unwrap fails unless it comes back intact. */
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** What travels in the `tps-enc-*` headers (signed with the rest). Binary values base64url. */
export interface EnvelopeEncryption {
  alg: typeof ENCRYPTION_ALG;
  /** Serial of the receiver's encryption certificate the key was wrapped for (upper-case hex). */
  serial: string;
  /** Ephemeral public key, compressed P-256 point (33 bytes). */
  epk: string;
  /** Content key wrapped with AES-256-KW (40 bytes). */
  wrappedKey: string;
  /** GCM nonce (12 bytes). */
  iv: string;
}

/** The envelope fields the ciphertext is bound to: moving it under another envelope fails the tag. */
export interface PayloadBinding {
  messageId: string;
  sender: string;
  receiver: string;
  businessType: string;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function aad(b: PayloadBinding): Buffer {
  return Buffer.from(`TPS-MADES/1 ENC\n${b.messageId}\n${b.sender}\n${b.receiver}\n${b.businessType}`, 'utf8');
}

function keyEncryptionKey(shared: Buffer, epk: Buffer, receiver: string, serial: string): Buffer {
  // Salt = the ephemeral key and info naming algorithm, receiver and certificate: a wrapped key
  // cannot be replayed for another receiver or another of its keys.
  const info = Buffer.from(`TPS-MADES/1 ${ENCRYPTION_ALG}\n${receiver}\n${serial.toUpperCase()}`, 'utf8');
  return Buffer.from(hkdfSync('sha256', shared, epk, info, 32));
}

const receiverPoints = new WeakMap<X509Certificate, Buffer>();
/** The certificate's P-256 public key as an uncompressed point (what ECDH.computeSecret takes). */
function pointOf(cert: X509Certificate): Buffer {
  let point = receiverPoints.get(cert);
  if (!point) {
    const jwk = cert.publicKey.export({ format: 'jwk' });
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error(`encryption certificate ${cert.serialNumber} does not hold a P-256 key`);
    point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    receiverPoints.set(cert, point);
  }
  return point;
}

const agreements = new WeakMap<KeyObject, ECDH>();
/** One ECDH object per private key: setting the key derives its public point, so do it once. */
function agreementFor(key: KeyObject): ECDH {
  let ecdh = agreements.get(key);
  if (!ecdh) {
    const jwk = key.export({ format: 'jwk' });
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new DecryptionError('the decryption key is not a P-256 private key');
    ecdh = createECDH(CURVE);
    ecdh.setPrivateKey(Buffer.from(jwk.d, 'base64url'));
    agreements.set(key, ecdh);
  }
  return ecdh;
}

/** Encrypts `plaintext` for the holder of `recipient`'s private key. Returns ciphertext‖tag. */
export function encryptPayload(plaintext: Uint8Array, recipient: X509Certificate, binding: PayloadBinding): { body: Buffer; encryption: EnvelopeEncryption } {
  const serial = recipient.serialNumber.toUpperCase();
  const ephemeral = createECDH(CURVE);
  ephemeral.generateKeys();
  const epk = ephemeral.getPublicKey(null, 'compressed');
  const kek = keyEncryptionKey(ephemeral.computeSecret(pointOf(recipient)), epk, binding.receiver, serial);
  const contentKey = randomBytes(32);
  const wrap = createCipheriv('id-aes256-wrap', kek, KW_IV);
  const wrappedKey = Buffer.concat([wrap.update(contentKey), wrap.final()]);
  const iv = randomBytes(IV_BYTES);
  const gcm = createCipheriv('aes-256-gcm', contentKey, iv);
  gcm.setAAD(aad(binding));
  const body = Buffer.concat([gcm.update(plaintext), gcm.final(), gcm.getAuthTag()]);
  contentKey.fill(0);
  return {
    body,
    encryption: { alg: ENCRYPTION_ALG, serial, epk: epk.toString('base64url'), wrappedKey: wrappedKey.toString('base64url'), iv: iv.toString('base64url') },
  };
}

/** Decrypts ciphertext‖tag with the receiver's private key; throws DecryptionError on any failure. */
export function decryptPayload(body: Buffer, encryption: EnvelopeEncryption, binding: PayloadBinding, key: KeyObject): Buffer {
  if (encryption.alg !== ENCRYPTION_ALG) throw new DecryptionError(`unsupported algorithm ${encryption.alg}`);
  if (body.length < GCM_TAG_BYTES) throw new DecryptionError('body shorter than the authentication tag');
  const epk = Buffer.from(encryption.epk, 'base64url');
  let contentKey: Buffer;
  try {
    const shared = agreementFor(key).computeSecret(epk);
    const unwrap = createDecipheriv('id-aes256-wrap', keyEncryptionKey(shared, epk, binding.receiver, encryption.serial), KW_IV);
    contentKey = Buffer.concat([unwrap.update(Buffer.from(encryption.wrappedKey, 'base64url')), unwrap.final()]);
  } catch (err) {
    if (err instanceof DecryptionError) throw err;
    throw new DecryptionError('the content key cannot be unwrapped (wrong key, tampered ephemeral key or wrapped key)');
  }
  try {
    const gcm = createDecipheriv('aes-256-gcm', contentKey, Buffer.from(encryption.iv, 'base64url'));
    gcm.setAAD(aad(binding));
    gcm.setAuthTag(body.subarray(body.length - GCM_TAG_BYTES));
    return Buffer.concat([gcm.update(body.subarray(0, body.length - GCM_TAG_BYTES)), gcm.final()]);
  } catch {
    throw new DecryptionError('the payload does not authenticate (tampered ciphertext, IV, tag or envelope binding)');
  } finally {
    contentKey.fill(0);
  }
}
