import { expect } from 'chai';
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { createBaseApp, createLogger, listen, type RunningServer } from '../../http/src/index.js';
import { openDatabase, migrate, type Database } from '../../storage/src/index.js';
import { compareRoutes } from '../../testing/src/index.js';
import {
  restMigrations,
  TokenRepository,
  requireParty,
  principalOf,
  parseInput,
  jsonBodyOnly,
  loadRamlContract,
  lazyRamlDocsHandlers,
  WaiterHub,
  streamEvents,
} from './index.js';

const ramlFile = fileURLToPath(new URL('../fixtures/sample.raml', import.meta.url));

describe('REST kit over HTTP: auth, validation, SSE, RAML contract and docs (F2, NF3)', () => {
  let db: Database;
  let srv: RunningServer;
  let agrToken: string;
  let dsoToken: string;
  const hub = new WaiterHub();
  const events: Array<{ seq: number; text: string }> = [];

  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    await migrate(db, 'rest', restMigrations);
    const tokens = new TokenRepository(db);
    agrToken = (await tokens.issue('10XAGR-A-------K', 'AGR')).token;
    dsoToken = (await tokens.issue('10XDSO-A-------L', 'DSO')).token;
    const base = createBaseApp({ component: 'kit', logger: createLogger('kit', 'silent') });
    const docs = lazyRamlDocsHandlers(ramlFile);
    base.app.get('/docs', docs.html);
    base.app.get('/docs/api.raml', docs.source);
    base.app.use(jsonBodyOnly);
    base.app.get('/whoami', requireParty(tokens, ['AGR']), (_req, res) => res.json({ party: principalOf(res).party }));
    base.app.post('/items', (req, res) => {
      const item = parseInput(z.object({ id: z.string().min(1), watts: z.number().int().nonnegative() }), req.body);
      res.status(201).json(item);
    });
    base.app.get('/events', (req, res, next) => {
      streamEvents(req, res, { hub, key: 'k', event: 'item', heartbeatMs: 200, readAfter: async (s) => events.filter((e) => e.seq > s), seqOf: (e) => e.seq }).catch(next);
    });
    srv = await listen(base.finish(), 0);
  });
  after(async () => {
    hub.close();
    await srv.close();
    await db.destroy();
  });

  it('authenticates the party from the bearer token and rejects the others', async () => {
    const ok = await fetch(srv.url + '/whoami', { headers: { authorization: `Bearer ${agrToken}` } });
    expect(await ok.json()).to.deep.equal({ party: '10XAGR-A-------K' });
    expect((await fetch(srv.url + '/whoami')).status).to.equal(401);
    expect((await fetch(srv.url + '/whoami', { headers: { authorization: 'Bearer tps_forgedforgedforged' } })).status).to.equal(401);
    const wrongRole = await fetch(srv.url + '/whoami', { headers: { authorization: `Bearer ${dsoToken}` } });
    expect(wrongRole.status).to.equal(403);
    expect(wrongRole.headers.get('content-type')).to.contain('application/problem+json');
  });

  it('names every invalid field and refuses non-JSON bodies', async () => {
    const res = await fetch(srv.url + '/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '', watts: 1.5 }) });
    expect(res.status).to.equal(400);
    const body = (await res.json()) as { errors: Array<{ field: string }> };
    expect(body.errors.map((e) => e.field).sort()).to.deep.equal(['id', 'watts']);
    const xml = await fetch(srv.url + '/items', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>' });
    expect(xml.status).to.equal(415);
  });

  it('pushes new items over Server-Sent Events and resumes after Last-Event-ID', async () => {
    events.push({ seq: 1, text: 'one' });
    const ctrl = new AbortController();
    const res = await fetch(srv.url + '/events', { signal: ctrl.signal });
    expect(res.headers.get('content-type')).to.contain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    setTimeout(() => {
      events.push({ seq: 2, text: 'two' });
      hub.notify('k');
    }, 50);
    while (!text.includes('"seq":2')) text += new TextDecoder().decode((await reader.read()).value);
    ctrl.abort();
    expect(text).to.match(/id: 1\nevent: item\ndata: \{"seq":1,"text":"one"\}/);
    const resumed = await fetch(srv.url + '/events', { headers: { 'last-event-id': '1' }, signal: AbortSignal.timeout(400) }).catch(() => undefined);
    let more = '';
    if (resumed) {
      const r2 = resumed.body!.getReader();
      while (!more.includes('"seq":2')) more += new TextDecoder().decode((await r2.read()).value);
      await r2.cancel();
    }
    expect(more).to.not.contain('"seq":1');
    expect(more).to.contain('"seq":2');
  });

  it('serves HTML docs generated from the RAML and the RAML source', async () => {
    const html = await (await fetch(srv.url + '/docs')).text();
    expect(html).to.contain('Sample facade').and.to.contain('/items/{itemId}');
    expect(await (await fetch(srv.url + '/docs/api.raml')).text()).to.contain('#%RAML 1.0');
  });

  it('the contract check finds routes missing on either side, and types validate instances', async () => {
    const contract = await loadRamlContract(ramlFile);
    const diff = compareRoutes(srv.server.listeners('request')[0], contract);
    expect(diff.missingInApp).to.deep.equal(['GET /items/:itemId', 'GET /ping']);
    expect(diff.missingInRaml).to.deep.equal(['GET /events', 'GET /whoami', 'POST /items']);
    expect(contract.validate('Item', { id: 'a', watts: 3 })).to.deep.equal([]);
    expect(contract.validate('Item', { id: 'a', watts: 'x' })).to.have.length.greaterThan(0);
  });
});
