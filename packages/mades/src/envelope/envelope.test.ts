import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { TestDirectory, threeComponents } from '../../test/fixtures/directory.js';
import { FailedReason } from '../errors.js';
import { canonicalString } from './canonical.js';
import { Header, parseHeaders, toHeaders } from './headers.js';
import { signEnvelope } from './signer.js';
import { verifyEnvelope, type VerifyResult } from './verifier.js';

const body = Buffer.from('<GL_MarketDocument>…</GL_MarketDocument>', 'utf8');

describe('mades envelope: signing and verification (F1)', function () {
  let fx: Awaited<ReturnType<typeof threeComponents>>;
  before(async () => {
    fx = await threeComponents();
  });

  const send = (over: Partial<Parameters<typeof signEnvelope>[1]> = {}, identity = fx.agr) =>
    toHeaders(signEnvelope(identity, { receiver: fx.core.code, businessType: 'A01', senderParty: '10X-AGR-PARTY-1', ttlMs: 60_000, ...over }, body));
  const verifyAtCore = (headers: Record<string, unknown>, b = body, directory = fx.directory): VerifyResult =>
    verifyEnvelope(headers, b, { directory, self: fx.core.code, maxPayloadBytes: 1024 });
  const reasonOf = (r: VerifyResult) => (r.ok ? 'OK' : r.reason);

  it('F1: a signed envelope verifies and round-trips every header', () => {
    const headers = send({ baMessageId: 'plan-42', priority: 9 });
    const r = verifyAtCore(headers);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.envelope).to.include({ sender: fx.agr.code, receiver: fx.core.code, baMessageId: 'plan-42', priority: 9, ttlMs: 60_000, senderParty: '10X-AGR-PARTY-1' });
  });

  it('F1: tampered payload → DIGEST_MISMATCH', () => {
    const tampered = Buffer.from(body);
    tampered[3] = tampered[3]! ^ 1;
    expect(reasonOf(verifyAtCore(send(), tampered))).to.equal(FailedReason.DIGEST_MISMATCH);
  });

  it('F1: any tampered signed header → BAD_SIGNATURE (property over all fields)', () => {
    const fields = [Header.businessType, Header.baMessageId, Header.ttlMs, Header.priority, Header.created, Header.senderParty] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), (field) => {
        const h = send({ baMessageId: 'x1' });
        const replacement: Record<string, string> = {
          [Header.businessType]: 'A02',
          [Header.baMessageId]: 'x2',
          [Header.ttlMs]: '60001',
          [Header.priority]: '8',
          [Header.created]: new Date(Date.now() - 1000).toISOString(),
          [Header.senderParty]: '10X-AGR-PARTY-1'.replace('1', '2'),
        };
        const r = verifyAtCore({ ...h, [field]: replacement[field] });
        return reasonOf(r) === FailedReason.BAD_SIGNATURE;
      }),
      { numRuns: 30 },
    );
  });

  it('F1: signed with a key other than the published certificate → BAD_SIGNATURE', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(reasonOf(verifyAtCore(send({}, { ...fx.agr, signingKey: privateKey })))).to.equal(FailedReason.BAD_SIGNATURE);
  });

  it('F1: revoked certificate → SIGNER_REVOKED; revoked component → SIGNER_REVOKED', async () => {
    const d = new TestDirectory();
    const agr = await d.register('10V-AGR-0000009', ['10X-AGR-PARTY-9']);
    await d.register(fx.core.code, ['10X-TPS-PARTY-1']);
    const h = send({ senderParty: '10X-AGR-PARTY-9' }, agr);
    expect(reasonOf(verifyAtCore(h, body, d))).to.equal('OK');
    d.revokeCertificate(agr.code, agr.serial);
    expect(reasonOf(verifyAtCore(h, body, d))).to.equal(FailedReason.SIGNER_REVOKED);
    const agr2 = await d.issue(agr.code);
    expect(reasonOf(verifyAtCore(send({ senderParty: '10X-AGR-PARTY-9' }, agr2), body, d))).to.equal('OK');
    d.revokeComponent(agr.code);
    expect(reasonOf(verifyAtCore(send({ senderParty: '10X-AGR-PARTY-9' }, agr2), body, d))).to.equal(FailedReason.SIGNER_REVOKED);
  });

  it('F1: expired certificate → SIGNER_EXPIRED, with and without the directory saying why', async () => {
    for (const rich of [true, false]) {
      const d = new TestDirectory(rich);
      await d.register(fx.core.code, ['10X-TPS-PARTY-1']);
      const agr = await d.register('10V-AGR-0000008', ['10X-AGR-PARTY-8'], { notBefore: new Date(Date.now() - 3_600_000), notAfter: new Date(Date.now() - 60_000) });
      // Signed while the certificate was still valid, verified after it expired.
      const h = send({ senderParty: '10X-AGR-PARTY-8', created: new Date(Date.now() - 120_000), ttlMs: 3_600_000 }, agr);
      expect(reasonOf(verifyAtCore(h, body, d)), `rich=${rich}`).to.equal(FailedReason.SIGNER_EXPIRED);
    }
  });

  it('F1: unknown sender component or unpublished serial → SIGNER_UNKNOWN', async () => {
    const stranger = await new TestDirectory().register('10V-STRANGER-01', ['10X-AGR-PARTY-1']);
    expect(reasonOf(verifyAtCore(send({}, stranger)))).to.equal(FailedReason.SIGNER_UNKNOWN);
    expect(reasonOf(verifyAtCore(send({}, { ...fx.agr, serial: 'ABCDEF' })))).to.equal(FailedReason.SIGNER_UNKNOWN);
  });

  it('F1: sender component not representing the sender party → SENDER_PARTY_MISMATCH', () => {
    expect(reasonOf(verifyAtCore(send({ senderParty: '10X-DSO-PARTY-1' })))).to.equal(FailedReason.SENDER_PARTY_MISMATCH);
  });

  it('F1: expired TTL → TTL_EXPIRED; created far in the future → MALFORMED_ENVELOPE', () => {
    expect(reasonOf(verifyAtCore(send({ created: new Date(Date.now() - 61_000) })))).to.equal(FailedReason.TTL_EXPIRED);
    expect(reasonOf(verifyAtCore(send({ created: new Date(Date.now() + 3_600_000) })))).to.equal(FailedReason.MALFORMED_ENVELOPE);
  });

  it('F1: oversized body → PAYLOAD_TOO_LARGE; wrong receiver → WRONG_RECEIVER', () => {
    expect(reasonOf(verifyAtCore(send(), Buffer.alloc(1025)))).to.equal(FailedReason.PAYLOAD_TOO_LARGE);
    expect(reasonOf(verifyAtCore(send({ receiver: fx.dso.code })))).to.equal(FailedReason.WRONG_RECEIVER);
  });

  it('F1: closed message path → PATH_NOT_ALLOWED', async () => {
    const d = new TestDirectory();
    const agr = await d.register(fx.agr.code, ['10X-AGR-PARTY-1']);
    await d.register(fx.core.code, ['10X-TPS-PARTY-1']);
    d.paths.push({ receiverCode: fx.core.code, sender: '*', businessType: 'A0*' });
    expect(reasonOf(verifyAtCore(send({}, agr), body, d))).to.equal('OK');
    expect(reasonOf(verifyAtCore(send({ businessType: 'B01' }, agr), body, d))).to.equal(FailedReason.PATH_NOT_ALLOWED);
  });

  it('F1: missing or malformed headers → MALFORMED_ENVELOPE, keeping what identifies the message', () => {
    const h = send();
    const { [Header.signature]: _dropped, ...noSignature } = h;
    const r = verifyAtCore(noSignature);
    expect(reasonOf(r)).to.equal(FailedReason.MALFORMED_ENVELOPE);
    if (!r.ok) expect(r.partial.messageId).to.equal(h[Header.messageId]);
    expect(reasonOf(verifyAtCore({ ...h, [Header.baMessageId]: 'a\nb' }))).to.equal(FailedReason.MALFORMED_ENVELOPE);
    expect(reasonOf(verifyAtCore(undefined as unknown as Record<string, unknown>))).to.equal(FailedReason.MALFORMED_ENVELOPE);
  });

  it('F1: the canonical string is injective on newline-free fields (no field can smuggle another)', () => {
    const parsed = parseHeaders(send({ baMessageId: 'a b' }));
    if (!('envelope' in parsed)) throw new Error(parsed.problem);
    const s = canonicalString(parsed.envelope);
    expect(s.split('\n')).to.have.length(13);
    expect(s.startsWith('TPS-MADES/1\nDOC\n')).to.equal(true);
  });
});
