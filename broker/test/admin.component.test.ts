import { expect } from 'chai';
import { openDatabase, type Database } from '../../packages/storage/src/index.js';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { createLogger } from '../../packages/http/src/index.js';
import { startCore } from '../src/index.js';
import { runAuditCommand } from '../../cli/commands/audit.js';
import { RecordingMessenger } from './recording-messenger.js';
import { A, setupScenario, type Harness } from './core-harness.js';
import { AGR1, AGR2, CP, DSO1, TPS, assetRegistration, limit } from './fixtures.js';

const TOKEN = 'admin-token-for-tests-0123456789';

describe('TPS core admin REST and `tps audit list` (audit trail, F6a read-back, F3 views)', () => {
  let db: Database;
  let handle: Awaited<ReturnType<typeof startCore>>;
  let h: Harness;

  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    const messenger = await new RecordingMessenger(db, [TPS]).install();
    const config = loadPlatformConfig({ TPS_ADMIN_TOKEN: TOKEN });
    handle = await startCore({ config, logger: createLogger('core', 'silent'), db, host: '127.0.0.1', port: 0 }, messenger);
    h = { db, core: handle.core, messenger, send: (doc) => messenger.deliver(doc) };
    await setupScenario(h);
    await h.send(assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1a }])); // rejected A59
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-admin' }));
  });
  after(async () => {
    await handle.close();
    await db.destroy();
  });

  const get = (path: string, token = TOKEN) => fetch(`${handle.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('admin routes require the administrator token (401 without or with a wrong one)', async () => {
    expect((await get('/admin/audit', '')).status).to.equal(401);
    expect((await get('/admin/audit', 'wrong-token-0123456789')).status).to.equal(401);
    expect((await get('/admin/audit')).status).to.equal(200);
  });

  it('audit: entries are filtered by party and decision and carry reason codes and message IDs', async () => {
    const res = await get(`/admin/audit?party=${AGR2}&decision=rejected`);
    const { entries } = (await res.json()) as { entries: Array<{ party: string; reasonCode: string; outgoing: unknown[] }> };
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ party: AGR2, reasonCode: 'A59' });
    expect(entries[0]!.outgoing).to.have.length(1);
    expect((await get('/admin/audit?party=not-a-party')).status).to.equal(400);
  });

  it('F6a: the DSO view of a split has per-asset grants and no operator; the admin view has operators', async () => {
    const dsoView = await (await get(`/admin/dsos/${DSO1}/splits?limit=L-admin`)).text();
    expect(dsoView).to.contain(A.a11);
    expect(dsoView).not.to.contain(AGR1);
    expect(dsoView).not.to.contain(AGR2);
    const admin = (await (await get(`/admin/splits?dso=${DSO1}&limit=L-admin`)).json()) as { splits: Array<{ policy: string; decision: { assetOperators: string[] } }> };
    expect(admin.splits[0]!.policy).to.equal('waterfill');
    expect(admin.splits[0]!.decision.assetOperators).to.deep.equal([AGR1, AGR2]);
  });

  it('F3 views: per AGR its assets and schedules; per DSO its connection points, assets without operator, limits', async () => {
    const agr = (await (await get(`/admin/operators/${AGR1}`)).json()) as { assets: Array<{ assetId: string }> };
    expect(agr.assets.map((a) => a.assetId)).to.deep.equal([A.a11, A.a12]);
    const dsoText = await (await get(`/admin/dsos/${DSO1}`)).text();
    const dso = JSON.parse(dsoText) as { connectionPoints: unknown[]; assets: Array<Record<string, unknown>>; limits: Array<{ mrid: string }> };
    expect(dso.connectionPoints).to.have.length(2);
    expect(dso.assets.every((a) => !('operator' in a))).to.equal(true);
    expect(dso.limits.map((l) => l.mrid)).to.deep.equal(['L-admin']);
  });

  it('`tps audit list` prints the trail over the admin REST API and fails cleanly with a wrong token', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAuditCommand({ party: AGR2 }, { url: handle.url, adminToken: TOKEN, out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).to.equal(0);
    expect(out.some((l) => l.includes('rejected') && l.includes('A59'))).to.equal(true);
    const denied = await runAuditCommand({}, { url: handle.url, adminToken: 'nope-nope-nope-nope', out: () => {}, err: (l) => err.push(l) });
    expect(denied).to.equal(1);
    expect(err.join('\n')).to.match(/administrator token/);
  });
});
