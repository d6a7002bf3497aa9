// The MADES-style envelope (F1): the AMQP body is the document bytes, untouched; these headers
// carry everything the platform needs to route, trace and trust the message. Every value is a
// string so that what is signed is exactly what travels (no int/float re-encoding by a client).
// An encrypted envelope (payload-cipher.ts) carries five more headers, all or none, also signed.
import { ENCRYPTION_ALG, type EnvelopeEncryption } from './payload-cipher.js';

export const Header = {
  version: 'tps-v',
  kind: 'tps-kind',
  messageId: 'tps-msg-id',
  sender: 'tps-sender',
  receiver: 'tps-receiver',
  businessType: 'tps-business-type',
  baMessageId: 'tps-ba-msg-id',
  senderParty: 'tps-sender-party',
  created: 'tps-created',
  ttlMs: 'tps-ttl-ms',
  priority: 'tps-priority',
  digest: 'tps-digest',
  certSerial: 'tps-cert-serial',
  signature: 'tps-signature',
  enc: 'tps-enc',
  encSerial: 'tps-enc-serial',
  encEpk: 'tps-enc-epk',
  encKey: 'tps-enc-key',
  encIv: 'tps-enc-iv',
} as const;

const ENCRYPTION_FIELDS = ['enc', 'encSerial', 'encEpk', 'encKey', 'encIv'] as const;
type EncryptionHeaderName = (typeof Header)[(typeof ENCRYPTION_FIELDS)[number]];

export const ENVELOPE_VERSION = '1';

/** DOC carries an application payload; ACK carries the platform's own transport acknowledgements. */
export type EnvelopeKind = 'DOC' | 'ACK';

export interface Envelope {
  kind: EnvelopeKind;
  /** UUID chosen by the sending endpoint; the de-duplication key with the sender. */
  messageId: string;
  /** Component codes (directory). */
  sender: string;
  receiver: string;
  businessType: string;
  /** The business application's own identifier; '' when none was given. */
  baMessageId: string;
  /** EIC of the party the sender speaks for; '' on ACK envelopes. */
  senderParty: string;
  /** ISO-8601 UTC with milliseconds. */
  created: string;
  ttlMs: number;
  /** 0 (normal) … 9 (emergency). */
  priority: number;
  /** base64url SHA-256 of the body. */
  digest: string;
  certSerial: string;
  /** base64url ECDSA P-256 signature (IEEE P1363, r||s) over the canonical string. */
  signature: string;
  /** Present when the body is encrypted for the receiver (then `digest` is over the ciphertext). */
  encryption?: EnvelopeEncryption;
}

export type EnvelopeHeaders = Record<Exclude<(typeof Header)[keyof typeof Header], EncryptionHeaderName>, string> & Partial<Record<EncryptionHeaderName, string>>;

export const Syntax = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  code: /^[A-Za-z0-9._-]{1,64}$/,
  businessType: /^[A-Za-z0-9._:/-]{1,64}$/,
  // Printable ASCII without control characters: the canonical string is newline-separated.
  baMessageId: /^[\x20-\x7e]{0,150}$/,
  created: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  digest: /^[A-Za-z0-9_-]{43}$/,
  serial: /^[0-9A-Fa-f]{1,64}$/,
  signature: /^[A-Za-z0-9_-]{86}$/,
  int: /^(0|[1-9]\d{0,11})$/,
  /** base64url of a compressed P-256 point (33 bytes), an AES-KW-wrapped 256-bit key (40), a GCM IV (12). */
  encEpk: /^[A-Za-z0-9_-]{44}$/,
  encKey: /^[A-Za-z0-9_-]{54}$/,
  encIv: /^[A-Za-z0-9_-]{16}$/,
} as const;

export const MAX_TTL_MS = 366 * 24 * 3600 * 1000;

export function toHeaders(e: Envelope): EnvelopeHeaders {
  return {
    [Header.version]: ENVELOPE_VERSION,
    [Header.kind]: e.kind,
    [Header.messageId]: e.messageId,
    [Header.sender]: e.sender,
    [Header.receiver]: e.receiver,
    [Header.businessType]: e.businessType,
    [Header.baMessageId]: e.baMessageId,
    [Header.senderParty]: e.senderParty,
    [Header.created]: e.created,
    [Header.ttlMs]: String(e.ttlMs),
    [Header.priority]: String(e.priority),
    [Header.digest]: e.digest,
    [Header.certSerial]: e.certSerial,
    [Header.signature]: e.signature,
    ...(e.encryption
      ? {
          [Header.enc]: e.encryption.alg,
          [Header.encSerial]: e.encryption.serial,
          [Header.encEpk]: e.encryption.epk,
          [Header.encKey]: e.encryption.wrappedKey,
          [Header.encIv]: e.encryption.iv,
        }
      : {}),
  };
}

/** Reads and checks the syntax of every header; returns a problem description instead of throwing. */
export function parseHeaders(raw: Record<string, unknown> | undefined): { envelope: Envelope } | { problem: string; partial: Partial<Envelope> } {
  const h = raw ?? {};
  const get = (name: string): string | undefined => {
    const v = h[name];
    if (typeof v === 'string') return v;
    if (Buffer.isBuffer(v)) return v.toString('utf8'); // some clients send long strings as bytes
    return undefined;
  };
  const partial: Partial<Envelope> = {};
  const sender = get(Header.sender);
  const messageId = get(Header.messageId);
  if (sender !== undefined && Syntax.code.test(sender)) partial.sender = sender;
  if (messageId !== undefined && Syntax.uuid.test(messageId)) partial.messageId = messageId;
  const fail = (problem: string) => ({ problem, partial });

  if (get(Header.version) !== ENVELOPE_VERSION) return fail(`${Header.version} must be ${ENVELOPE_VERSION}`);
  const kind = get(Header.kind);
  if (kind !== 'DOC' && kind !== 'ACK') return fail(`${Header.kind} must be DOC or ACK`);
  const checks: [keyof typeof Header, RegExp][] = [
    ['messageId', Syntax.uuid],
    ['sender', Syntax.code],
    ['receiver', Syntax.code],
    ['businessType', Syntax.businessType],
    ['baMessageId', Syntax.baMessageId],
    ['created', Syntax.created],
    ['ttlMs', Syntax.int],
    ['priority', /^[0-9]$/],
    ['digest', Syntax.digest],
    ['certSerial', Syntax.serial],
    ['signature', Syntax.signature],
  ];
  const values: Record<string, string> = {};
  for (const [field, re] of checks) {
    const v = get(Header[field]);
    if (v === undefined || !re.test(v)) return fail(`${Header[field]} missing or malformed`);
    values[field] = v;
  }
  const senderParty = get(Header.senderParty) ?? '';
  if (kind === 'DOC' ? !Syntax.code.test(senderParty) : senderParty !== '') return fail(`${Header.senderParty} missing or malformed`);
  const ttlMs = Number(values.ttlMs);
  if (ttlMs < 1 || ttlMs > MAX_TTL_MS) return fail(`${Header.ttlMs} out of range`);
  if (Number.isNaN(Date.parse(values.created!))) return fail(`${Header.created} is not a date`);
  const encryption = parseEncryption(get);
  if (typeof encryption === 'string') return fail(encryption);
  return {
    envelope: {
      kind,
      messageId: values.messageId!,
      sender: values.sender!,
      receiver: values.receiver!,
      businessType: values.businessType!,
      baMessageId: values.baMessageId!,
      senderParty,
      created: values.created!,
      ttlMs,
      priority: Number(values.priority),
      digest: values.digest!,
      certSerial: values.certSerial!,
      signature: values.signature!,
      ...(encryption ? { encryption } : {}),
    },
  };
}

/** All five encryption headers or none; a problem description when they are partial or malformed. */
function parseEncryption(get: (name: string) => string | undefined): EnvelopeEncryption | undefined | string {
  const present = ENCRYPTION_FIELDS.filter((f) => get(Header[f]) !== undefined);
  if (present.length === 0) return undefined;
  if (present.length !== ENCRYPTION_FIELDS.length) return `encryption headers incomplete: ${present.map((f) => Header[f]).join(', ')} without the others`;
  if (get(Header.enc) !== ENCRYPTION_ALG) return `${Header.enc} must be ${ENCRYPTION_ALG}`;
  const checks: [(typeof ENCRYPTION_FIELDS)[number], RegExp][] = [
    ['encSerial', Syntax.serial],
    ['encEpk', Syntax.encEpk],
    ['encKey', Syntax.encKey],
    ['encIv', Syntax.encIv],
  ];
  for (const [field, re] of checks) if (!re.test(get(Header[field])!)) return `${Header[field]} malformed`;
  return { alg: ENCRYPTION_ALG, serial: get(Header.encSerial)!, epk: get(Header.encEpk)!, wrappedKey: get(Header.encKey)!, iv: get(Header.encIv)! };
}
