import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareRoutes } from '../../packages/testing/src/index.js';
import { startHarness, expectProblem, PARTY_A, PARTY_ELSEWHERE, type Harness } from './agr-harness.js';

const examplesDir = fileURLToPath(new URL('../raml/examples/', import.meta.url));

describe('AGR/BRP endpoint: RAML contract, ping, docs and party tokens (F2, NF3)', () => {
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(() => h.close());

  it('F2: every RAML resource/method is served and every served route is in the RAML', () => {
    const diff = compareRoutes(h.agr.app, h.contract);
    expect(diff).to.deep.equal({ missingInApp: [], missingInRaml: [] });
    expect(h.contract.routes.length).to.be.greaterThan(15);
  });

  it('F2: every RAML example validates against the type it is named after', () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(5);
    for (const f of files) {
      const type = f.replace(/\.json$/, '');
      expect(h.contract.validate(type, JSON.parse(readFileSync(examplesDir + f, 'utf8'))), f).to.deep.equal([]);
    }
    // and the types are strict enough to reject what the server would reject
    expect(h.contract.validate('AssetInput', { assetId: 'x', produces: 'yes' })).to.not.deep.equal([]);
  });

  it('F2: GET /ping answers pong without a token', async () => {
    const res = await h.call('GET', '/ping');
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('pong');
  });

  it('F2: serves HTML docs generated from the RAML, and the RAML itself', async () => {
    const html = await h.call('GET', '/docs');
    expect(html.status).to.equal(200);
    expect(html.body).to.contain('TPS AGR/BRP endpoint').and.contain('/limits/wait').and.contain('/assets/{assetId}');
    const raml = await h.call('GET', '/docs/api.raml');
    expect(raml.body).to.match(/^#%RAML 1\.0/);
  });

  it('NF3: no token, a forged token, a DSO token, or a party this endpoint does not represent are refused', async () => {
    expectProblem(await h.call('GET', '/assets'), 401);
    expectProblem(await h.call('GET', '/assets', { token: 'tps_forgedforgedforgedforged' }), 401);
    expectProblem(await h.call('GET', '/limits/active', { token: h.tokens.DSO }), 403);
    const elsewhere = await h.call('GET', '/limits/active', { token: h.tokens[PARTY_ELSEWHERE] });
    expectProblem(elsewhere, 403);
    expect(elsewhere.body.detail).to.contain(PARTY_ELSEWHERE);
    expect((await h.call('GET', '/assets', { token: h.tokens[PARTY_A] })).status).to.equal(200);
  });

  it('F2: unknown routes are problem+json 404s too', async () => {
    expectProblem(await h.call('GET', '/nope', { token: h.tokens[PARTY_A] }), 404);
  });
});
