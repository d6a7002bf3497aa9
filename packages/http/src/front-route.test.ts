import { expect } from 'chai';
import { request } from 'node:http';
import express from 'express';
import { createLogger } from './logger.js';
import { createBaseApp } from './base-app.js';
import { listen } from './server.js';
import { FrontExchange, serveInFront } from './front-route.js';

describe('HTTP plumbing: a route served in front of express (foundation; issue 14)', () => {
  it('NF1: only GET of the exact path without a body goes to the front handler; the rest reaches express', async () => {
    const base = createBaseApp({ component: 'front-test', logger: createLogger('front-test', 'silent') });
    base.app.all(/.*/, (req, res) => void res.type('text/plain').send(`express ${req.method} ${req.path}`));
    base.finish();
    const plumbing = { app: base.app, logger: createLogger('front-test', 'silent'), httpDuration: base.metrics.httpDuration, securityHeaders: base.securityHeaders };
    serveInFront(base.app, '/front', (req, res) => new FrontExchange(plumbing, req, res, '/front').send(200, 'text/plain; charset=utf-8', Buffer.from('front'), undefined));
    const srv = await listen(base.app, 0, '127.0.0.1');
    try {
      const text = async (path: string, init?: RequestInit) => (await fetch(srv.url + path, init)).text();
      expect(await text('/front')).to.equal('front');
      expect(await text('/front?x=1')).to.equal('front');
      expect(await text('/front/')).to.equal('express GET /front/');
      expect(await text('/Front')).to.equal('express GET /Front');
      expect(await text('/other')).to.equal('express GET /other');
      expect(await text('/front', { method: 'POST', body: 'x' })).to.equal('express POST /front');
      // A GET with a body (fetch refuses to send one): express's body parser decides what it means.
      const withBody = await new Promise<string>((resolve, reject) => {
        const req = request(srv.url + '/front', { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': '2' } }, (r) => {
          let t = '';
          r.on('data', (c: Buffer) => (t += c.toString('utf8')));
          r.on('end', () => resolve(t));
        });
        req.on('error', reject);
        req.end('{}');
      });
      expect(withBody).to.equal('express GET /front');
      // helmet's headers come from the same configuration as express's
      const front = await fetch(srv.url + '/front');
      const viaExpress = await fetch(srv.url + '/other');
      for (const name of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
        expect(front.headers.get(name), name).to.be.a('string').and.equal(viaExpress.headers.get(name));
      }
      const metrics = await (await fetch(srv.url + '/metrics')).text();
      const counted = metrics.split('\n').find((l) => l.startsWith('tps_http_request_duration_seconds_count') && l.includes('route="/front"') && l.includes('status="200"'));
      expect(counted, 'the request-duration metric of the front route').to.match(/ [1-9]\d*$/);
    } finally {
      await srv.close();
    }
  });

  it('NF1: the front route sees the client address express would (trust proxy, X-Forwarded-For)', async () => {
    const base = createBaseApp({ component: 'front-test', logger: createLogger('front-test', 'silent') });
    base.app.get('/via-express', (req, res) => void res.type('text/plain').send(String(req.ip)));
    base.finish();
    const plumbing = { app: base.app, logger: createLogger('front-test', 'silent'), httpDuration: base.metrics.httpDuration, securityHeaders: base.securityHeaders };
    serveInFront(base.app, '/front', (req, res) => {
      const ex = new FrontExchange(plumbing, req, res, '/front');
      ex.send(200, 'text/plain; charset=utf-8', Buffer.from(String(ex.ip)), undefined);
    });
    const srv = await listen(base.app, 0, '127.0.0.1');
    try {
      const ipOf = async (path: string, headers: Record<string, string>) => (await fetch(srv.url + path, { headers })).text();
      const cases: Array<Record<string, string>> = [{}, { 'x-forwarded-for': '203.0.113.9' }, { 'x-forwarded-for': '198.51.100.7, 127.0.0.1' }];
      for (const headers of cases) {
        const viaExpress = await ipOf('/via-express', headers);
        expect(await ipOf('/front', headers), JSON.stringify(headers)).to.equal(viaExpress);
      }
      // loopback is a trusted proxy (base-app): the forwarded client is the address, not 127.0.0.1
      expect(await ipOf('/front', { 'x-forwarded-for': '203.0.113.9' })).to.equal('203.0.113.9');
    } finally {
      await srv.close();
    }
  });

  it('NF1: the request id is the client\'s plain X-Request-Id, else a fresh one per request, the same all along', async () => {
    const base = createBaseApp({ component: 'front-test', logger: createLogger('front-test', 'silent') });
    base.finish();
    const plumbing = { app: base.app, logger: createLogger('front-test', 'silent'), httpDuration: base.metrics.httpDuration, securityHeaders: base.securityHeaders };
    serveInFront(base.app, '/front', (req, res) => {
      const ex = new FrontExchange(plumbing, req, res, '/front');
      ex.send(200, 'text/plain; charset=utf-8', Buffer.from(ex.id), undefined);
    });
    const srv = await listen(base.app, 0, '127.0.0.1');
    try {
      const get = async (headers: Record<string, string>) => {
        const r = await fetch(srv.url + '/front', { headers });
        return [await r.text(), r.headers.get('x-request-id')];
      };
      expect(await get({ 'x-request-id': 'client-7.a' })).to.deep.equal(['client-7.a', 'client-7.a']);
      const [a, aHeader] = await get({ 'x-request-id': 'not plain!' });
      const [b] = await get({});
      expect(a).to.equal(aHeader).and.match(/^[0-9a-f-]{36}$/);
      expect(b).to.match(/^[0-9a-f-]{36}$/).and.not.equal(a);
    } finally {
      await srv.close();
    }
  });
});
