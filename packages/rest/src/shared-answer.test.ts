import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SharedAnswers } from './index.js';

/** Headers a client sees, without the ones that differ per response anyway. */
const stable = (h: Headers) => Object.fromEntries([...h.entries()].filter(([k]) => k !== 'date' && k !== 'connection' && k !== 'keep-alive'));

describe('REST kit: one prepared JSON answer written to many long-poll responses (F7a; issue 14)', () => {
  let server: Server;
  let base: string;
  const value = { limits: [{ seq: 7, limitId: 'L-1', note: 'ünïcödé €' }] };
  const answers = new SharedAnswers<typeof value>();
  let built = 0;

  before(async () => {
    const app = express();
    // Today's way (res.send of a string) and the shared one, side by side in one app.
    app.get('/string', (_req, res) => void res.type('application/json').send(JSON.stringify(value)));
    app.get('/shared', (req, res) => answers.send(req, res, value, (v) => (built++, JSON.stringify(v))));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the same bytes and headers (type, charset, length, ETag) as res.send of the string', async () => {
    const a = await fetch(`${base}/string`);
    const b = await fetch(`${base}/shared`);
    expect(b.status).to.equal(200);
    expect(stable(b.headers)).to.deep.equal(stable(a.headers));
    expect(b.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(Buffer.from(await b.arrayBuffer())).to.deep.equal(Buffer.from(await a.arrayBuffer()));
  });

  it('builds the body once for many responses, and If-None-Match is answered as res.send answers it', async () => {
    built = 0;
    const all = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/shared`).then(async (r) => ({ etag: r.headers.get('etag'), body: await r.text() }))));
    expect(built).to.be.at.most(1); // 0 if the first test already prepared it
    expect(new Set(all.map((r) => r.body)).size).to.equal(1);
    const etag = all[0]!.etag!;
    // The conditional answer is whatever res.send of the string gives for the same ETag.
    const conditional = async (path: string) => (await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })).status;
    expect(await conditional('/shared')).to.equal(await conditional('/string'));
  });
});
