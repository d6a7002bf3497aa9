import { expect } from 'chai';
import { compareRoutes } from '../../packages/testing/src/index.js';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { startHarness, type Harness } from './harness.js';

describe('DSO facade: ping, RAML contract and docs, authentication and errors (F2, NF3)', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('F2: GET /ping answers pong without a token', async () => {
    const res = await h.call(undefined, 'GET', '/ping');
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('pong');
  });

  it('F2: every route is in the RAML and every RAML route is served', async () => {
    const contract = await loadRamlContract(RAML_FILE);
    expect(compareRoutes(h.dso.app, contract)).to.deep.equal({ missingInApp: [], missingInRaml: [] });
  });

  it('F2: serves the RAML as HTML at /docs and its source at /docs/api.raml', async () => {
    const html = await h.call(undefined, 'GET', '/docs');
    expect(html.type).to.contain('text/html');
    expect(html.body).to.contain('TPS DSO endpoint').and.to.contain('/capacity-limits/foreseen/{limitId}');
    const src = await h.call(undefined, 'GET', '/docs/api.raml');
    expect(src.body).to.contain('#%RAML 1.0');
  });

  it('NF3: without a token 401; an AGR token 403; a DSO this endpoint does not represent 403', async () => {
    expect((await h.call(undefined, 'GET', '/assets')).status).to.equal(401);
    const agr = await h.call(h.tokens.agr, 'GET', '/assets');
    expect(agr.status).to.equal(403);
    expect(agr.type).to.contain('application/problem+json');
    const elsewhere = await h.call(h.tokens.elsewhere, 'GET', '/assets');
    expect(elsewhere.status).to.equal(403);
    expect(elsewhere.body.detail).to.contain('does not represent');
    expect((await h.call('tps_forgedforgedforgedforged', 'GET', '/assets')).status).to.equal(401);
  });

  it('F2: non-JSON bodies are refused (415), malformed JSON is a 400 problem, unknown routes 404 problem', async () => {
    const xml = await fetch(h.url + '/connection-points', { method: 'POST', headers: { authorization: `Bearer ${h.tokens.a}`, 'content-type': 'text/xml' }, body: '<x/>' });
    expect(xml.status).to.equal(415);
    const broken = await fetch(h.url + '/connection-points', { method: 'POST', headers: { authorization: `Bearer ${h.tokens.a}`, 'content-type': 'application/json' }, body: '{"connectionPointIds": [' });
    expect(broken.status).to.equal(400);
    expect(broken.headers.get('content-type')).to.contain('application/problem+json');
    const none = await h.call(h.tokens.a, 'GET', '/nowhere');
    expect(none.status).to.equal(404);
    expect(none.body.correlationId).to.be.a('string').and.not.equal('');
    expect(h.messenger.sent).to.have.length(0);
  });
});
