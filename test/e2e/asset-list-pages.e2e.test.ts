// Paged asset lists over RabbitMQ (issue 14, benchmark 5): with TPS_ASSET_LIST_PAGE_SIZE set far
// below a DSO's asset count, the core sends each DSO its list as a paged snapshot through the real
// broker, and every DSO's mirror still ends exactly equal to the assets registered on its grid —
// nothing more (NF3: no other DSO's assets, no operator), nothing less.
import { expect } from 'chai';
import { assetsAt, capturedDocuments, dremCast, playDremScenario, silentNarrator, eventually, type CapturedDocument } from '../../packages/scenarios/src/index.js';
import { awaitFinalStatuses, startDemoPlatform, type DemoPlatform } from '../../cli/commands/demo.js';
import { freshVhostUrl } from './e2e-support.js';

const PAGE_SIZE = 2;

describe('asset lists in pages over RabbitMQ (F5, NF3, issue 14)', function () {
  this.timeout(180_000);
  const cast = dremCast(Date.now(), 'pages');
  let demo: DemoPlatform;
  let docs: CapturedDocument[];

  before(async function () {
    demo = await startDemoPlatform({ amqpUrl: await freshVhostUrl(), env: { TPS_ASSET_LIST_PAGE_SIZE: String(PAGE_SIZE) } });
    await playDremScenario(cast, demo.clients, silentNarrator);
    await awaitFinalStatuses(demo.tap);
    docs = capturedDocuments(demo.tap);
  });
  after(async () => {
    await demo?.close();
  });

  it('F5 issue 14: lists larger than a page crossed the broker as pages 1..n of one snapshot, each a valid document', () => {
    const lists = docs.filter((d) => d.parsed?.kind === 'asset-list');
    expect(lists.length).to.be.greaterThan(0);
    for (const d of lists) expect(d.invalid, d.file).to.equal(undefined);
    const paged = lists.filter((d) => d.parsed?.kind === 'asset-list' && d.parsed.document.paging !== undefined);
    expect(paged.length, 'no list was paged').to.be.greaterThan(0);
    // Group pages by snapshot (receiver + mRID): every snapshot seen whole has pages 1..pageCount.
    const snapshots = new Map<string, number[]>();
    for (const d of paged) {
      if (d.parsed?.kind !== 'asset-list') continue;
      const { page, pageCount } = d.parsed.document.paging!;
      expect(d.parsed.document.assets.length).to.be.within(1, PAGE_SIZE);
      const key = `${d.receiverParty} ${d.mRID} ${pageCount}`;
      snapshots.set(key, [...(snapshots.get(key) ?? []), page]);
    }
    for (const [key, pages] of snapshots) {
      const count = Number(key.split(' ')[2]);
      expect([...pages].sort((a, b) => a - b), key).to.deep.equal(Array.from({ length: count }, (_, i) => i + 1));
    }
  });

  it('F5/NF3 issue 14: every DSO mirror equals exactly the assets at its connection points', async () => {
    for (const dso of cast.dsos) {
      const expected = assetsAt(cast, dso.connectionPointIds).map((a) => a.assetId).sort();
      expect(expected.length, `${dso.name} must hold more assets than a page`).to.be.greaterThan(PAGE_SIZE);
      const client = demo.clients.get(dso.party)!;
      const listed = await eventually(
        `${dso.name} mirror complete`,
        async () => {
          const r = await client.get<{ assets: Array<{ assetId: string; operator?: unknown }> }>('/assets');
          const ids = r.assets.map((a) => a.assetId).sort();
          return JSON.stringify(ids) === JSON.stringify(expected) ? r.assets : undefined;
        },
        30_000,
      );
      for (const a of listed) expect(a, a.assetId).to.not.have.property('operator');
    }
  });
});
