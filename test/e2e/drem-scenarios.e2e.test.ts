// End-to-end DREM scenarios over RabbitMQ: the two use cases of the requirements (foreseen and
// unforeseen capacity issues) played once through the REST facades only, as DSOs and AGR/BRPs
// would; every document is recorded as it crossed the broker and checked here.
import { expect } from 'chai';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS, type DocumentKind } from '../../packages/iec62325/src/index.js';
import { OfficialLibxml2Validators } from '../../packages/iec62325/src/conformance/official-schemas.js';
import { referenceSchemaDir } from '../../packages/testing/src/index.js';
import { Header } from '../../packages/mades/src/index.js';
import {
  assetsAt,
  buildSummary,
  capacityW,
  plannedW,
  capturedDocuments,
  dremCast,
  playDremScenario,
  quarterValues,
  silentNarrator,
  type CapturedDocument,
  type ScenarioRun,
  type Summary,
} from '../../packages/scenarios/src/index.js';
import { awaitFinalStatuses, startDemoPlatform, type DemoPlatform } from '../../cli/commands/demo.js';
import { expectedSplit, freshVhostUrl, named } from './e2e-support.js';

describe('DREM scenarios end to end over RabbitMQ, through the REST facades only', function () {
  this.timeout(180_000);
  const cast = dremCast(Date.now(), 'e2e');
  const agrParties = cast.agrs.map((a) => a.party);
  const dsoParties = cast.dsos.map((d) => d.party);
  let demo: DemoPlatform;
  let run: ScenarioRun;
  let docs: CapturedDocument[];
  let summary: Summary;

  before(async function () {
    demo = await startDemoPlatform({ amqpUrl: await freshVhostUrl() });
    run = await playDremScenario(cast, demo.clients, silentNarrator);
    await awaitFinalStatuses(demo.tap);
    docs = capturedDocuments(demo.tap);
    summary = buildSummary(run, docs);
  });
  after(async () => {
    await demo?.close();
  });

  const to = (party: string) => docs.filter((d) => d.receiverParty === party);
  const assetsOf = (party: string) => cast.assets.filter((a) => a.operator === party).map((a) => a.assetId);

  it('F1: every document crossed RabbitMQ in a signed envelope and ended RECEIVED; every expected business acknowledgement is positive', () => {
    expect(demo.config.amqpUrl, 'RabbitMQ, not the in-process broker').to.match(/^amqp:\/\//);
    expect(summary.problems).to.deep.equal([]);
    expect(docs.length).to.be.greaterThan(40);
    for (const m of demo.tap.documents()) {
      expect(m.headers[Header.signature], `#${m.seq} signed`).to.match(/^[A-Za-z0-9_-]{86}$/);
      expect(m.businessType).to.be.oneOf([...DOCUMENT_KINDS]);
    }
    // NF3: on the broker, every business document is encrypted for its receiver — an operator of
    // RabbitMQ sees envelopes, never grid data (neither the XML nor the document's identifier).
    for (const d of docs) {
      const wire = demo.tap.documents().find((m) => m.messageId === d.messageId)!;
      expect(wire.encrypted, `#${d.n} encrypted`).to.equal(true);
      expect(wire.body.includes('GL_MarketDocument') || wire.body.includes('<?xml'), `#${d.n} no XML on the wire`).to.equal(false);
      if (d.mRID) expect(wire.body.includes(d.mRID), `#${d.n} no mRID on the wire`).to.equal(false);
    }
    // The envelope's party is the document's sender; AGR/BRPs and DSOs only ever talk to the core (F1).
    const tps = demo.config.identities.core.parties[0]!;
    for (const d of docs) {
      expect((d.parsed?.document as { sender: { mRID: string } }).sender.mRID, `#${d.n}`).to.equal(d.senderParty);
      expect([d.senderParty, d.receiverParty], `#${d.n} passes through the TPS core`).to.include(tps);
    }
    for (const s of run.sent) expect(docs.some((d) => d.messageId === s.messageId), s.what).to.equal(true);
  });

  it('F1: every exchanged document validates against its schema — the official IEC 62325-451 one where it exists, the project schema otherwise', function () {
    const referenceDir = referenceSchemaDir();
    expect(referenceDir, 'official schemas in ../shared/reference/iec62325 (or TPS_REFERENCE_DIR)').to.be.a('string');
    const official = new OfficialLibxml2Validators(referenceDir!);
    try {
      const kinds = new Set<DocumentKind>();
      for (const d of docs) {
        expect(d.invalid, `#${d.n} ${d.file} against the project schema`).to.equal(undefined);
        const kind = d.parsed!.kind;
        kinds.add(kind);
        if (DOCUMENT_SCHEMAS[kind].official) {
          const verdict = official.validate(kind, d.xml);
          expect(verdict.valid, `#${d.n} ${d.file} against ${DOCUMENT_SCHEMAS[kind].official}: ${verdict.message}`).to.equal(true);
        }
      }
      expect([...kinds].sort(), 'the scenario exchanges every document kind').to.deep.equal([...DOCUMENT_KINDS].sort());
    } finally {
      official.dispose();
    }
  });

  it('F4: connection points and assets are registered and accepted; each DSO lists exactly the assets at its own points, with their capabilities', () => {
    for (const dso of cast.dsos) {
      const points = run.registration.connectionPoints.get(dso.party)!;
      expect(points.map((p) => [p.connectionPointId, p.state])).to.have.deep.members(dso.connectionPointIds.map((c) => [c, 'registered']));
      const listed = run.schedules.dsoAssets.get(dso.party)!;
      const expected = assetsAt(cast, dso.connectionPointIds).map((a) => ({
        assetId: a.assetId,
        connectionPointId: a.connectionPointId,
        produces: a.produces,
        consumes: a.consumes,
        maxProductionW: a.maxProductionW,
        maxConsumptionW: a.maxConsumptionW,
      }));
      expect(listed.map(({ assetId, connectionPointId, produces, consumes, maxProductionW, maxConsumptionW }) => ({ assetId, connectionPointId, produces, consumes, maxProductionW, maxConsumptionW }))).to.have.deep.members(expected);
    }
    for (const agr of cast.agrs) expect(run.registration.assetOutcomes.get(agr.party), agr.name).to.equal('ACCEPTED');
  });

  it('F5, F9, NF3: nothing a DSO receives — REST answers or documents — names an AGR/BRP; DSO lists carry no operator field', () => {
    for (const dso of dsoParties) {
      const rest = JSON.stringify({ assets: run.schedules.dsoAssets.get(dso), schedules: run.schedules.dsoSchedules.get(dso), splits: run.foreseen.revisions.map((r) => r.split ?? null), unforeseen: run.unforeseen.split });
      expect(named(rest, agrParties), `REST answers to ${dso}`).to.deep.equal([]);
      expect(rest).not.to.match(/operator/i);
      const received = to(dso);
      expect(received.length).to.be.greaterThan(5);
      for (const d of received) expect(named(d.xml, agrParties), `#${d.n} ${d.file}`).to.deep.equal([]);
    }
  });

  it('NF3: a DSO sees only its own grid; an AGR/BRP gets nothing naming another AGR/BRP, its assets, or a DSO', () => {
    for (const dso of cast.dsos) {
      const foreign = cast.assets.filter((a) => !dso.connectionPointIds.includes(a.connectionPointId)).map((a) => a.assetId);
      const foreignPoints = cast.dsos.filter((o) => o !== dso).flatMap((o) => o.connectionPointIds);
      for (const d of to(dso.party)) expect(named(d.xml, [...foreign, ...foreignPoints]), `#${d.n} ${d.file}`).to.deep.equal([]);
    }
    // Negative control: the scan does find party codes where they belong (an AGR/BRP's own documents).
    for (const agr of agrParties) expect(docs.filter((d) => d.senderParty === agr).some((d) => named(d.xml, [agr]).length > 0), agr).to.equal(true);
    for (const agr of agrParties) {
      const others = cast.assets.filter((a) => a.operator !== agr).map((a) => a.assetId);
      const forbidden = [...agrParties.filter((p) => p !== agr), ...others, ...dsoParties];
      const received = to(agr);
      expect(received.length).to.be.greaterThan(3);
      for (const d of received) expect(named(d.xml, forbidden), `#${d.n} ${d.file}`).to.deep.equal([]);
    }
  });

  it('F8, F9: each DSO gets the schedules of exactly its own assets with the planned values, from the TPS party', () => {
    const tps = demo.config.identities.core.parties[0]!;
    for (const dso of cast.dsos) {
      const schedules = run.schedules.dsoSchedules.get(dso.party)!;
      const mine = assetsAt(cast, dso.connectionPointIds);
      expect([...new Set(schedules.map((s) => s.assetId))]).to.have.members(mine.map((a) => a.assetId));
      for (const a of mine) {
        const s = schedules.find((x) => x.assetId === a.assetId && !x.cancelled)!;
        expect(s.interval?.start, a.name).to.equal(cast.schedule.start);
        expect(s.valuesW, a.name).to.deep.equal(a.planW.flatMap((w) => [w, w, w, w]));
      }
      for (const d of to(dso.party).filter((x) => x.businessType === 'schedule')) expect(d.senderParty).to.equal(tps);
    }
  });

  it('F6a: each quarter hour the grants sum to the limit (less only where caps bind) and follow the policy — waterfill rev 1, DREM pro-rata rev 2', () => {
    for (const r of run.foreseen.revisions.filter((x) => x.status === 'active')) {
      const section = assetsAt(cast, r.connectionPointIds!);
      const limits = r.availableCapacityW!;
      expect(r.split?.policy).to.equal(r.policy);
      const fromDso = new Map(r.split!.grants!.map((g) => [g.assetId, g.grantW]));
      expect([...fromDso.keys()]).to.have.members(section.map((a) => a.assetId));
      // What the AGR/BRPs received, per asset and quarter hour.
      const fromAgrs = new Map<string, number[]>();
      for (const a of r.arrivals.values()) for (const g of a.limit.grants ?? []) fromAgrs.set(g.assetId, quarterValues(g.intervals, cast.foreseen.start, limits.length));
      limits.forEach((limitW, q) => {
        const expected = expectedSplit(cast, section, r.policy!, limitW, q);
        for (const a of section) {
          expect(fromDso.get(a.assetId)![q], `rev ${r.revision} q${q} ${a.name}: DSO read-back`).to.equal(expected[a.assetId]);
          expect(fromAgrs.get(a.assetId)?.[q], `rev ${r.revision} q${q} ${a.name}: as its AGR/BRP received it`).to.equal(expected[a.assetId]);
        }
        const total = section.reduce((sum, a) => sum + fromDso.get(a.assetId)![q]!, 0);
        // waterfill caps an asset at its need (plan); the DREM rule at its capacity.
        const d = cast.foreseen.direction;
        const caps = section.reduce((sum, a) => sum + (r.policy === 'waterfill' ? Math.min(capacityW(a, d), plannedW(a, d, q)) : capacityW(a, d)), 0);
        expect(total, `rev ${r.revision} q${q}: Σ grants = min(limit, Σ caps)`).to.equal(Math.min(limitW, caps));
      });
      expect(r.split!.metrics, 'fairness metrics reported to the DSO').to.include.keys('jainIndexMin', 'strandedWTotal');
    }
    // The first quarter hour of rev 1 has more capacity than anybody plans to use: caps bind.
    const first = run.foreseen.revisions[0]!;
    expect(first.split!.grants!.reduce((s, g) => s + g.grantW[0]!, 0)).to.be.lessThan(first.availableCapacityW![0]!);
  });

  it('F7a: each AGR/BRP, waiting on GET /limits/wait, receives only its own assets\' grants; one with no asset in the section receives nothing', () => {
    for (const r of run.foreseen.revisions.filter((x) => x.status === 'active')) {
      const section = assetsAt(cast, r.connectionPointIds!);
      for (const agr of agrParties) {
        const mine = section.filter((a) => a.operator === agr).map((a) => a.assetId);
        const arrival = r.arrivals.get(agr);
        if (mine.length === 0) {
          expect(arrival, `rev ${r.revision}: ${agr} is not concerned`).to.equal(undefined);
          expect(r.quiet.get(agr)!.filter((l) => l.kind === 'foreseen'), `rev ${r.revision}: ${agr} got nothing`).to.deep.equal([]);
        } else {
          expect(arrival, `rev ${r.revision}: ${agr} got its grants`).to.not.equal(undefined);
          expect(arrival!.limit.grants!.map((g) => g.assetId)).to.have.members(mine);
        }
      }
    }
    // On the wire too: each grant document to an AGR/BRP names only that operator's assets.
    for (const d of docs.filter((x) => x.detail.startsWith('capacity-limit/grant') && agrParties.includes(x.receiverParty))) {
      const doc = d.parsed!.document as { series: Array<{ assetId: string }> };
      for (const s of doc.series) expect(assetsOf(d.receiverParty), `#${d.n}`).to.include(s.assetId);
    }
    const bravo = cast.agrs[1]!.party;
    expect(run.foreseen.revisions[0]!.quiet.has(bravo), 'Bravo has no asset in the first section').to.equal(true);
    const toBravo = to(bravo).filter((d) => d.detail.startsWith('capacity-limit/grant'));
    expect(toBravo.map((d) => d.revision), 'Bravo hears of the limit only from revision 2').to.deep.equal([2, 3]);
  });

  it('F6b: the update reaches every operator concerned as revision 2 (one newly concerned), and the cancellation reaches all of them', async () => {
    const [, rev2, cancel] = run.foreseen.revisions;
    expect([...rev2!.arrivals.keys()]).to.have.members(agrParties);
    for (const a of rev2!.arrivals.values()) expect([a.limit.revision, a.limit.status]).to.deep.equal([2, 'active']);
    expect(cancel!.status).to.equal('cancelled');
    expect([...cancel!.arrivals.keys()]).to.have.members(agrParties);
    for (const a of cancel!.arrivals.values()) expect([a.limit.revision, a.limit.status, a.limit.grants ?? []]).to.deep.equal([3, 'cancelled', []]);
    for (const agr of agrParties) expect(run.foreseen.activeAfterCancel.get(agr)!.filter((l) => l.kind === 'foreseen'), agr).to.deep.equal([]);
    const status = await demo.clients.get(cast.foreseen.dso)!.get<{ status: string; revision: number; acknowledgement: { state: string } }>(`/capacity-limits/${cast.foreseen.limitId}`);
    expect([status.status, status.revision, status.acknowledgement.state]).to.deep.equal(['cancelled', 3, 'accepted']);
  });

  it('F6, F6b, F7: the unforeseen stop/hold signal, its update and its cancellation reach every affected operator at once, with only its own assets, the action and the time back to normal', async () => {
    const u = cast.unforeseen;
    const expected = new Map<string, Array<{ assetId: string; direction: string; action: string }>>();
    for (const [action, part] of [['stop', u.stop], ['hold', u.hold]] as const) {
      for (const assetId of part.assetIds) {
        const op = cast.assets.find((a) => a.assetId === assetId)!.operator;
        expected.set(op, [...(expected.get(op) ?? []), { assetId, direction: part.direction, action }]);
      }
    }
    expect([...run.unforeseen.signal.arrivals.keys()]).to.have.members([...expected.keys()]);
    for (const [agr, a] of run.unforeseen.signal.arrivals) {
      expect(a.limit.kind).to.equal('unforeseen');
      expect(a.limit.signals).to.have.deep.members(expected.get(agr)!);
      expect(a.limit.until).to.equal(run.unforeseen.split.expectedEnd);
    }
    expect(run.unforeseen.split.expectedEnd).to.equal(run.unforeseen.expectedEnd.first);
    // Update (a later end) and cancellation reach the same operators.
    expect([...run.unforeseen.update.arrivals.keys()]).to.have.members([...expected.keys()]);
    for (const [agr, a] of run.unforeseen.update.arrivals) {
      expect([a.limit.revision, a.limit.status, a.limit.until], agr).to.deep.equal([2, 'active', run.unforeseen.expectedEnd.extended]);
      expect(a.limit.signals).to.have.deep.members(expected.get(agr)!);
    }
    expect([...run.unforeseen.cancel.arrivals.keys()]).to.have.members([...expected.keys()]);
    for (const a of run.unforeseen.cancel.arrivals.values()) expect([a.limit.revision, a.limit.status]).to.deep.equal([3, 'cancelled']);
    // Emergency priority end to end: DSO → core and core → each AGR/BRP.
    const signals = docs.filter((d) => d.detail.startsWith('capacity-limit/unforeseen'));
    expect(signals.length, 'signal, update and cancellation: to the core and to each operator').to.equal(3 * (1 + expected.size));
    for (const d of signals) expect(d.priority, `#${d.n} ${d.file}`).to.equal(9);
    for (const agr of agrParties) {
      const active = await demo.clients.get(agr)!.get<{ limits: unknown[] }>('/limits/active');
      expect(active.limits, `${agr}: nothing active after both cancellations`).to.deep.equal([]);
    }
  });
});
