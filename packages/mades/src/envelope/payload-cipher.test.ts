import 'reflect-metadata';
import { expect } from 'chai';
import { randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import fc from 'fast-check';
import { TestDirectory, threeComponents } from '../../test/fixtures/directory.js';
import { leaksNothing } from '../../test/fixtures/leaks.js';
import { FailedReason } from '../errors.js';
import { canonicalString } from './canonical.js';
import { DEFAULT_ENCRYPTION_POLICY } from './encryption.policy.js';
import { Header, parseHeaders, toHeaders, type Envelope } from './headers.js';
import { openPayload, type OpenResult } from './open-payload.js';
import { decryptPayload, encryptPayload, ENCRYPTION_ALG, type EnvelopeEncryption } from './payload-cipher.js';
import { sealEnvelope } from './seal.js';
import { signEnvelope } from './signer.js';
import { verifyEnvelope } from './verifier.js';

const xml = Buffer.from('<GL_MarketDocument><mRID>plan-4711</mRID><quantity>12.5</quantity></GL_MarketDocument>', 'utf8');

describe('mades payload encryption: ECDH-ES+A256KW / AES-256-GCM (F1, NF3)', function () {
  let fx: Awaited<ReturnType<typeof threeComponents>>;
  before(async () => {
    fx = await threeComponents();
  });

  const fields = (over: Partial<Parameters<typeof signEnvelope>[1]> = {}) => ({ receiver: fx.core.code, businessType: 'A01', senderParty: '10X-AGR-PARTY-1', ttlMs: 60_000, ...over });
  const coreCert = () => fx.directory.encryptionCertificates(fx.core.code)[0]!;
  const seal = (payload = xml, over: Partial<Parameters<typeof signEnvelope>[1]> = {}) => sealEnvelope(fx.agr, fields(over), payload, coreCert());
  /** The receiver's whole path: verify the signed envelope, then open (decrypt) the payload. */
  const receive = (headers: Record<string, unknown>, body: Buffer, identity = fx.core): OpenResult | { ok: false; reason: string } => {
    const v = verifyEnvelope(headers, body, { directory: fx.directory, self: fx.core.code, maxPayloadBytes: 1 << 20 });
    if (!v.ok) return { ok: false, reason: v.reason };
    return openPayload(v.envelope, body, identity, DEFAULT_ENCRYPTION_POLICY);
  };
  const reasonOf = (r: { ok: boolean; reason?: string }) => (r.ok ? 'OK' : r.reason);
  /** Re-signed by the (buggy or hostile) sender: signature and digest hold, only decryption can refuse it. */
  const resigned = (e: Envelope, body: Buffer, encryption: EnvelopeEncryption) => {
    const env = signEnvelope(fx.agr, { ...fields(), messageId: e.messageId, created: new Date(e.created), encryption }, body);
    return receive(toHeaders(env), body);
  };
  const flipByte = (b64: string, at = 5) => {
    const b = Buffer.from(b64, 'base64url');
    b[at] = b[at]! ^ 0x01;
    return b.toString('base64url');
  };

  it('F1/NF3: round trip — the receiver gets the exact plaintext; the body carries none of it and is fresh per message', () => {
    for (const payload of [xml, Buffer.alloc(0), randomBytes(7 * 1024), randomBytes(40 * 1024)]) {
      const { envelope, body } = seal(payload);
      expect(body.length).to.equal(payload.length + 16);
      const r = receive(toHeaders(envelope), body);
      expect(r.ok && r.payload.equals(payload), `${payload.length} bytes`).to.equal(true);
    }
    const a = seal();
    const b = seal();
    // Not a single '<' check: random ciphertext contains any one byte by chance; no 6 bytes of the document do.
    expect(leaksNothing(a.body, xml)).to.equal(true);
    expect(a.body.toString('latin1')).to.not.contain('plan-4711');
    expect(a.body.equals(b.body), 'fresh content key and IV per message').to.equal(false);
    expect(a.envelope.encryption).to.include({ alg: ENCRYPTION_ALG, serial: fx.core.encryptionSerial });
    expect(a.envelope.encryption!.epk).to.not.equal(b.envelope.encryption!.epk);
  });

  it('F1/NF3: tampered ciphertext, IV, tag, wrapped key or ephemeral key → DECRYPTION_FAILED (even when re-signed)', () => {
    const { envelope, body } = seal();
    const enc = envelope.encryption!;
    const ct = Buffer.from(body);
    ct[0] = ct[0]! ^ 0x01;
    const tag = Buffer.from(body);
    tag[tag.length - 1] = tag[tag.length - 1]! ^ 0x01;
    const otherEpk = seal().envelope.encryption!.epk;
    const cases: [string, () => ReturnType<typeof resigned>][] = [
      ['ciphertext', () => resigned(envelope, ct, enc)],
      ['tag', () => resigned(envelope, tag, enc)],
      ['iv', () => resigned(envelope, body, { ...enc, iv: flipByte(enc.iv) })],
      ['wrapped key', () => resigned(envelope, body, { ...enc, wrappedKey: flipByte(enc.wrappedKey) })],
      ['ephemeral key (another valid point)', () => resigned(envelope, body, { ...enc, epk: otherEpk })],
      ['ephemeral key (not a point)', () => resigned(envelope, body, { ...enc, epk: Buffer.concat([Buffer.from([5]), randomBytes(32)]).toString('base64url') })],
      ['truncated body', () => resigned(envelope, body.subarray(0, 10), enc)],
    ];
    for (const [what, run] of cases) expect(reasonOf(run()), what).to.equal(FailedReason.DECRYPTION_FAILED);
    // Control: untouched, the same path succeeds.
    expect(reasonOf(resigned(envelope, body, enc))).to.equal('OK');
  });

  it('F1/NF3: the ciphertext is bound to its envelope: moved under another message ID, sender, receiver or business type it does not decrypt', () => {
    const { envelope, body } = seal();
    const key = fx.core.encryptionKey;
    const binding = { messageId: envelope.messageId, sender: envelope.sender, receiver: envelope.receiver, businessType: envelope.businessType };
    expect(decryptPayload(body, envelope.encryption!, binding, key).equals(xml)).to.equal(true);
    for (const over of [{ messageId: '00000000-0000-4000-8000-000000000000' }, { sender: fx.dso.code }, { businessType: 'A02' }]) {
      expect(() => decryptPayload(body, envelope.encryption!, { ...binding, ...over }, key), JSON.stringify(over)).to.throw(/authenticate/);
    }
    // Another receiver name changes the key-encryption key: unwrapping fails.
    expect(() => decryptPayload(body, envelope.encryption!, { ...binding, receiver: fx.dso.code }, key)).to.throw(/unwrapped/);
  });

  it('F1/NF3: the wrong receiver key → DECRYPTION_FAILED; a serial this receiver holds no key for → DECRYPTION_FAILED', () => {
    const { envelope, body } = seal();
    const dsoKey = { ...fx.core, encryptionKey: fx.dso.encryptionKey, decryptionKeys: new Map([[fx.core.encryptionSerial, fx.dso.encryptionKey]]) };
    expect(reasonOf(receive(toHeaders(envelope), body, dsoKey))).to.equal(FailedReason.DECRYPTION_FAILED);
    const forDso = sealEnvelope(fx.agr, fields(), xml, fx.directory.encryptionCertificates(fx.dso.code)[0]);
    const r = receive(toHeaders(forDso.envelope), forDso.body);
    expect(reasonOf(r)).to.equal(FailedReason.DECRYPTION_FAILED);
    if (!r.ok) expect((r as { detail: string }).detail).to.contain(fx.dso.encryptionSerial);
  });

  it('F1/NF3: renewal overlap — a document encrypted for the previous key decrypts while the keystore keeps that key, not once it is gone', async () => {
    const d = new TestDirectory();
    const agr = await d.register('10V-AGR-OVERLAP', ['10X-AGR-PARTY-1']);
    const core = await d.register('10V-TPS-OVERLAP', ['10X-TPS-PARTY-1']);
    const old = d.encryptionCertificates(core.code)[0]!;
    const inFlight = sealEnvelope(agr, { ...fields(), receiver: core.code }, xml, old);
    const renewed = await d.renewEncryption(core.code);
    expect(d.encryptionCertificates(core.code)[0]!.serialNumber, 'senders now pick the new key').to.equal(renewed.cert.serialNumber);
    const open = (identity: typeof core) => openPayload(inFlight.envelope, inFlight.body, identity, DEFAULT_ENCRYPTION_POLICY);
    const keepsOld = { ...core, encryptionKey: renewed.key, encryptionSerial: renewed.serial, decryptionKeys: d.decryptionKeys(core.code) };
    const r = open(keepsOld);
    expect(r.ok && r.payload.equals(xml)).to.equal(true);
    const newOnly = { ...core, encryptionKey: renewed.key, encryptionSerial: renewed.serial, decryptionKeys: new Map([[renewed.serial, renewed.key]]) };
    expect(reasonOf(open(newOnly))).to.equal(FailedReason.DECRYPTION_FAILED);
  });

  it('F1/NF3: any tampered encryption header breaks the signature → BAD_SIGNATURE (property over the five headers)', () => {
    const { envelope, body } = seal();
    const h = toHeaders(envelope) as Record<string, string>;
    const other = toHeaders(seal().envelope) as Record<string, string>;
    const encHeaders = [Header.encSerial, Header.encEpk, Header.encKey, Header.encIv] as const;
    fc.assert(
      fc.property(fc.constantFrom(...encHeaders), (name) => {
        const value = name === Header.encSerial ? fx.dso.encryptionSerial : other[name]!;
        expect(reasonOf(receive({ ...h, [name]: value }, body)), name).to.equal(FailedReason.BAD_SIGNATURE);
      }),
      { numRuns: 20 },
    );
    // The digest covers the ciphertext as it travels: a flipped ciphertext byte is caught before decryption.
    const flipped = Buffer.from(body);
    flipped[3] = flipped[3]! ^ 1;
    expect(reasonOf(receive(h, flipped))).to.equal(FailedReason.DIGEST_MISMATCH);
    // Stripping the encryption headers does not turn it into a valid plaintext message either.
    const stripped = Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith('tps-enc')));
    expect(reasonOf(receive(stripped, body))).to.equal(FailedReason.BAD_SIGNATURE);
  });

  it('F1: encryption headers are all or none and well-formed, else MALFORMED_ENVELOPE; the signed string grows by six lines', () => {
    const { envelope, body } = seal();
    const h = toHeaders(envelope) as Record<string, string>;
    const { [Header.encIv]: _iv, ...partial } = h;
    expect(reasonOf(receive(partial, body))).to.equal(FailedReason.MALFORMED_ENVELOPE);
    expect(reasonOf(receive({ ...h, [Header.enc]: 'ECDH-ES+A128KW/A128GCM' }, body))).to.equal(FailedReason.MALFORMED_ENVELOPE);
    expect(reasonOf(receive({ ...h, [Header.encKey]: 'short' }, body))).to.equal(FailedReason.MALFORMED_ENVELOPE);
    expect(reasonOf(receive({ ...h, [Header.encEpk]: h[Header.encEpk]!.slice(1) + '\n' }, body))).to.equal(FailedReason.MALFORMED_ENVELOPE);
    const parsed = parseHeaders(h);
    if (!('envelope' in parsed)) throw new Error(parsed.problem);
    expect(canonicalString(parsed.envelope).split('\n')).to.have.length(19);
  });

  it('F1/NF3: policy — a plaintext DOC is refused (ENCRYPTION_REQUIRED) unless its business type is exempt or encryption is off; ACKs travel in clear', () => {
    const clear = (businessType: string, kind: 'DOC' | 'ACK' = 'DOC') =>
      signEnvelope(fx.agr, fields({ businessType, kind, ...(kind === 'ACK' ? { senderParty: '' } : {}) }), xml);
    expect(reasonOf(openPayload(clear('A01'), xml, fx.core, DEFAULT_ENCRYPTION_POLICY))).to.equal(FailedReason.ENCRYPTION_REQUIRED);
    expect(reasonOf(openPayload(clear('A01'), xml, fx.core, { mode: 'required', exempt: ['A01'] }))).to.equal('OK');
    expect(reasonOf(openPayload(clear('A02'), xml, fx.core, { mode: 'required', exempt: ['A01'] }))).to.equal(FailedReason.ENCRYPTION_REQUIRED);
    expect(reasonOf(openPayload(clear('A01'), xml, fx.core, { mode: 'off' }))).to.equal('OK');
    expect(reasonOf(openPayload(clear('tps.transport-ack', 'ACK'), xml, fx.core, DEFAULT_ENCRYPTION_POLICY))).to.equal('OK');
    // Encrypted documents are decrypted whatever the receiver's policy.
    const { envelope, body } = seal();
    const r = openPayload(envelope, body, fx.core, { mode: 'off' });
    expect(r.ok && r.payload.equals(xml)).to.equal(true);
  });

  it('F1: the payload limit applies to the document: an encrypted body of limit + tag bytes is accepted, one byte more is not', () => {
    const payload = randomBytes(1024);
    const { envelope, body } = seal(payload);
    const at = (max: number) => verifyEnvelope(toHeaders(envelope), body, { directory: fx.directory, self: fx.core.code, maxPayloadBytes: max });
    expect(reasonOf(at(1024))).to.equal('OK');
    expect(reasonOf(at(1023))).to.equal(FailedReason.PAYLOAD_TOO_LARGE);
  });

  it('F1: encryptPayload refuses a certificate without a P-256 key', async () => {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name: 'CN=p384', keys: keys as never, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' } });
    const binding = { messageId: '00000000-0000-4000-8000-000000000000', sender: 'a', receiver: 'b', businessType: 'c' };
    expect(() => encryptPayload(xml, new X509Certificate(cert.toString('pem')), binding)).to.throw(/P-256/);
  });
});
