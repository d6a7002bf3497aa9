// Issue 13: slow-loris clients. A client that sends its headers and then trickles the body byte
// by byte (or never finishes its headers) is cut off after TPS_REQUEST_TIMEOUT_MS; the server keeps
// answering everyone else and nothing is stored. Run against the hostile platform's real
// endpoints (configured with TPS_REQUEST_TIMEOUT_MS=3000) and an in-process facade with 1.5 s.
import { expect } from 'chai';
import { connect } from 'node:net';
import { pino } from 'pino';
import { call, hostilePlatform, restListings, settle, REQUEST_TIMEOUT_MS, AGR_A, DSO_NORTH, type HostilePlatform } from './support/platform.js';
import { startSmallAgr } from './support/agr-app.js';
import { record, recordGroup, recordGroupState } from './support/summary.js';

interface Trickle {
  closedAfterMs: number;
  response: string;
  bytesSent: number;
}

/** Sends `head`, then one byte of `body` every `everyMs` until the server closes (bounded by `maxMs`). */
function trickle(url: string, head: string, body: string, everyMs: number, maxMs: number): Promise<Trickle> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let response = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server did not cut the slow client off within ${maxMs} ms (${sent} bytes trickled)`));
    }, maxMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
      }, everyMs);
    });
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      resolve({ closedAfterMs: Date.now() - started, response, bytesSent: sent });
    });
  });
}

const BODY = JSON.stringify({ connectionPointIds: ['571313190000000110'] }).padEnd(20_000, ' ');

describe('issue 13: slow-loris clients are cut off (packages/http server.ts requestTimeout / headersTimeout)', function () {
  this.timeout(60_000);
  recordGroup('slow-loris', 'slow clients (headers sent, body trickled)');
  let p: HostilePlatform;
  let baseline: Record<string, unknown>;
  before(async function () {
    this.timeout(180_000);
    p = await hostilePlatform();
    await settle(p);
    baseline = await restListings(p);
  });

  for (const [name, target, party, path] of [
    ['AGR/BRP endpoint, POST /assets', 'agr', AGR_A, '/assets'],
    ['DSO endpoint, POST /connection-points', 'dso', DSO_NORTH, '/connection-points'],
  ] as const) {
    it(`F2: ${name} — a body trickled byte by byte is cut off after TPS_REQUEST_TIMEOUT_MS (${REQUEST_TIMEOUT_MS} ms); others are served meanwhile`, async () => {
      const url = target === 'agr' ? p.urls.agr : p.urls.dso;
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${p.tokens[party!]}\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`;
      const slow = trickle(url, head, BODY, 100, 20_000);
      // While the slow client holds its connection, a normal client is served.
      expect((await call(url, 'GET', '/ping')).text).to.equal('pong');
      const t = await slow;
      record('slow-loris', { case: name, clearError: t.bytesSent < BODY.length, crashed: false, stateChanged: false, detail: `cut after ${t.closedAfterMs} ms, ${t.bytesSent} bytes; ${t.response.split('\r\n')[0] ?? ''}` });
      expect(t.bytesSent, 'cut off long before the body was complete').to.be.below(BODY.length);
      // Node answers 408 when it can; either way the connection is closed by the server.
      if (t.response) expect(t.response).to.match(/^HTTP\/1\.1 408/);
      expect((await call(url, 'GET', '/ping')).text, 'still up').to.equal('pong');
    });
  }

  it('F2: headers that never finish are cut off too (headersTimeout)', async () => {
    const t = await trickle(p.urls.agr, 'GET /assets HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: ' + 'a'.repeat(5_000), 100, 20_000);
    record('slow-loris', { case: 'headers trickled', clearError: true, crashed: false, stateChanged: false, detail: `cut after ${t.closedAfterMs} ms` });
    expect(t.bytesSent).to.be.below(5_008);
  });

  it('F2: the timeout is configuration: an in-process facade listening with requestTimeoutMs 1500 cuts sooner', async () => {
    const agr = await startSmallAgr({ logger: pino({ level: 'silent' }), requestTimeoutMs: 1_500 });
    try {
      const head = `POST /assets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${agr.tokens[0]}\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`;
      const t = await trickle(agr.url, head, BODY, 100, 10_000);
      expect(t.bytesSent).to.be.below(BODY.length);
      expect(t.response).to.match(/^HTTP\/1\.1 408/);
    } finally {
      await agr.close();
    }
  });

  it('F2: nothing was stored by the slow clients', async () => {
    const now = await restListings(p);
    recordGroupState('slow-loris', JSON.stringify(now) !== JSON.stringify(baseline));
    expect(now).to.deep.equal(baseline);
  });
});
