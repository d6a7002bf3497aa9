import { expect } from 'chai';
import { createBaseApp, createLogger, listen, HttpProblem, type RunningServer } from './index.js';

describe('HTTP plumbing shared by every component (foundation)', () => {
  let srv: RunningServer;
  let healthy = true;
  before(async () => {
    const base = createBaseApp({
      component: 'test',
      logger: createLogger('test', 'silent'),
      bodyLimitBytes: 1024,
      health: { db: async () => ({ ok: healthy }) },
    });
    base.app.post('/echo', (req, res) => res.json(req.body));
    base.app.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    base.app.get('/forbidden', () => {
      throw HttpProblem.forbidden('not yours');
    });
    srv = await listen(base.finish(), 0);
  });
  after(() => srv.close());

  it('answers GET /health with 200 while checks pass and 503 when one fails', async () => {
    expect((await fetch(srv.url + '/health')).status).to.equal(200);
    healthy = false;
    const res = await fetch(srv.url + '/health');
    healthy = true;
    expect(res.status).to.equal(503);
    expect(((await res.json()) as any).checks.db.ok).to.equal(false);
  });

  it('serves Prometheus metrics', async () => {
    const text = await (await fetch(srv.url + '/metrics')).text();
    expect(text).to.contain('process_cpu_user_seconds_total');
    expect(text).to.contain('component="test"');
  });

  it('turns malformed JSON into 400 problem+json with a correlation id', async () => {
    const res = await fetch(srv.url + '/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.contain('application/problem+json');
    const body = (await res.json()) as any;
    expect(body.correlationId).to.equal(res.headers.get('x-request-id'));
    expect(body.detail).to.contain('not valid JSON');
  });

  it('rejects an oversized body with 413 and stays up', async () => {
    const res = await fetch(srv.url + '/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(5000) }) });
    expect(res.status).to.equal(413);
    expect(((await res.json()) as any).code).to.equal('PAYLOAD_TOO_LARGE');
    expect((await fetch(srv.url + '/health')).status).to.equal(200);
  });

  it('hides internal error details behind a 500 problem', async () => {
    const res = await fetch(srv.url + '/boom');
    expect(res.status).to.equal(500);
    expect(JSON.stringify(await res.json())).to.not.contain('secret internal detail');
  });

  it('maps HttpProblem and unknown routes to problem+json', async () => {
    expect((await fetch(srv.url + '/forbidden')).status).to.equal(403);
    const res = await fetch(srv.url + '/nope');
    expect(res.status).to.equal(404);
    expect(res.headers.get('content-type')).to.contain('application/problem+json');
  });
});
