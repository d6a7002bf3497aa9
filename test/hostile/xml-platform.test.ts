// F1 hostile input, platform level: every XML case of the corpus posted into the TPS core's inbox
// as a properly signed message from a legitimate endpoint enrolled in the real directory, over
// RabbitMQ. The sender must get a negative Acknowledgement_MarketDocument (A02 + the parser's
// 451-1 reason code), the core must stay up, and its state of record must be unchanged.
import { expect } from 'chai';
import { buildAssetRegistration, makeEic, makeGsrn, MARKET_ROLE } from '../../packages/iec62325/src/index.js';
import { xmlBytes, xmlCases } from './support/corpus.js';
import { call, coreSnapshot, hostilePlatform, settle, type HostilePlatform } from './support/platform.js';
import { startHostileSender, type HostileSender } from './support/sender.js';
import { record, recordGroup, recordGroupState } from './support/summary.js';
import { waitFor } from './support/wait.js';

const GROUP = 'xml-platform';

describe('F1 hostile XML corpus through the running platform (signed, into the core inbox over RabbitMQ)', function () {
  this.timeout(180_000);
  recordGroup(GROUP, 'XML documents posted to the core as signed messages');
  const cases = xmlCases();
  let p: HostilePlatform;
  let sender: HostileSender;
  let baseline: Record<string, unknown[]>;
  const sent = new Map<string, { messageId?: string; sendError?: string }>();
  const idOf = (i: number) => `hx-${String(i).padStart(4, '0')}`;

  /** A valid registration from the sender: proves the path works (positive ack) before the corpus runs. */
  const control = (n: number) =>
    buildAssetRegistration({
      mRID: `hx-control-${n}`,
      revisionNumber: 1,
      sender: { mRID: sender.party, role: MARKET_ROLE.resourceAggregator },
      receiver: { mRID: p.config.identities.core.parties[0]!, role: MARKET_ROLE.platform },
      createdDateTime: new Date().toISOString().slice(0, 19) + 'Z',
      unit: 'KWT',
      assets: [{ action: 'register', assetId: makeEic('11W', `HX-CONTROL-${n}`), operator: sender.party, connectionPoint: makeGsrn(`5713131990000000${n}`), produces: true, consumes: false, maxProductionW: 1000, maxConsumptionW: 0 }],
    });

  before(async function () {
    p = await hostilePlatform();
    await settle(p);
    sender = await startHostileSender(p);
    await sender.send('asset-registration', control(1), 'hx-control-1');
    const ack = await waitFor('control acknowledgement', () => sender.acks.get('hx-control-1'), 30_000);
    expect(ack.accepted, 'the control document is accepted').to.equal(true);
    baseline = await coreSnapshot(p);
    // Every case at once, each in its own outbox transaction; the 50 MB case is made here.
    const big = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><GL_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2"><mRID>'), Buffer.alloc(50 * 1024 * 1024, 0x41), Buffer.from('</mRID></GL_MarketDocument>')]);
    const fiveMb = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><GL_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2"><mRID>'), Buffer.alloc(5 * 1024 * 1024, 0x41), Buffer.from('</mRID></GL_MarketDocument>')]);
    const all: Array<[string, string, Uint8Array]> = cases.map((c, i) => [idOf(i), c.businessType, xmlBytes(c)]);
    all.push(['hx-50mb', 'schedule', big], ['hx-5mb', 'schedule', fiveMb]);
    for (const [id, businessType, bytes] of all) {
      try {
        sent.set(id, { messageId: await sender.send(businessType as never, bytes, id) });
      } catch (err) {
        sent.set(id, { sendError: `${(err as Error).name}: ${(err as Error).message}` });
      }
    }
    const expected = [...sent.entries()].filter(([, s]) => s.messageId).map(([id]) => id);
    await waitFor(`${expected.length} acknowledgements`, () => expected.every((id) => sender.acks.has(id)), 120_000, 200);
  });

  after(async () => {
    await sender?.close();
  });

  cases.forEach((c, i) => {
    it(`F1: ${c.file} — signed and delivered, answered rejected (A02) + ${c.expect.reasonCodes.join('/')}, nothing applied`, () => {
      const ack = sender.acks.get(idOf(i));
      const outcome = { case: c.file, clearError: false, crashed: false, stateChanged: false, detail: JSON.stringify(ack?.reasons ?? sent.get(idOf(i))) };
      try {
        expect(ack, 'an acknowledgement came back').to.not.equal(undefined);
        // accepted=false is the A02 outcome (the parser keeps A01/A02 as `accepted`).
        expect(ack!.accepted).to.equal(false);
        const codes = ack!.reasons.map((r) => r.code);
        expect(codes.some((code) => c.expect.reasonCodes.includes(code)), `reasons ${JSON.stringify(ack!.reasons)}`).to.equal(true);
        outcome.clearError = true;
      } finally {
        record(GROUP, outcome);
      }
    });
  });

  it('F1: generated-at-test-time/50mb-body — refused at the sender before signing (envelope limit 8 MiB); nothing leaves', () => {
    const s = sent.get('hx-50mb')!;
    record(GROUP, { case: 'generated-at-test-time/50mb-body.xml', clearError: s.sendError !== undefined && /exceeds/.test(s.sendError), crashed: false, stateChanged: false, detail: s.sendError ?? 'sent' });
    expect(s.messageId).to.equal(undefined);
    expect(s.sendError).to.match(/payload of \d+ bytes exceeds/);
  });

  it('F1: generated-at-test-time/5mb-body — delivered (under the envelope limit) and answered A02 + A94 (document limit 4 MiB)', () => {
    const ack = sender.acks.get('hx-5mb');
    const ok = ack?.accepted === false && ack.reasons.some((r) => r.code === 'A94');
    record(GROUP, { case: 'generated-at-test-time/5mb-body.xml', clearError: ok, crashed: false, stateChanged: false, detail: JSON.stringify(ack?.reasons) });
    expect(ok, JSON.stringify(ack)).to.equal(true);
  });

  it('F1: every transport status is RECEIVED (refused documents are answered, never dead-lettered or retried)', async () => {
    for (const [id, s] of sent) {
      if (!s.messageId) continue;
      const st = await waitFor(`RECEIVED ${id}`, async () => ((await sender.status(s.messageId!))?.state === 'RECEIVED' ? 'yes' : undefined), 20_000);
      expect(st).to.equal('yes');
    }
  });

  it('F1/NF3: the core stays up and its state of record (registry, schedules, limits, splits, forwards) is unchanged', async () => {
    const after = await coreSnapshot(p);
    recordGroupState(GROUP, JSON.stringify(after) !== JSON.stringify(baseline));
    expect(after).to.deep.equal(baseline);
    expect((await call(p.urls.core, 'GET', '/health')).status).to.equal(200);
    // Still processing: a second valid document is accepted after the whole corpus.
    await sender.send('asset-registration', control(2), 'hx-control-2');
    const ack = await waitFor('second control acknowledgement', () => sender.acks.get('hx-control-2'), 30_000);
    expect(ack.accepted).to.equal(true);
  });
});
