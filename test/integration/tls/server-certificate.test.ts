// A server certificate from `tps directory server-cert` in use (issue 13): a node:https server
// started with DIR/key.pem + DIR/cert.pem answers a client that pins DIR/ca.pem and checks the
// host name; a name outside the SANs, or a client without the pinned CA, fails the handshake.
// Host names are resolved to 127.0.0.1 by a custom lookup so the check uses real names.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../../../packages/storage/src/index.js';
import type { RunningDirectory } from '../../../directory/src/index.js';
import { ADMIN_TOKEN, startTestDirectory, tempDir } from '../../../directory/test/fixtures.js';
import { runServerCertCommand } from '../../../cli/commands/server-cert.js';

/** Every name resolves to loopback: what DNS would do for the host the certificate was made for. */
const toLoopback: LookupFunction = (_host, options, cb) => {
  if (options.all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else cb(null, '127.0.0.1', 4);
};

interface Pem {
  key: string;
  cert: string;
  ca: string;
}

function get(host: string, port: number, opts: { ca?: string; key?: string; cert?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false, lookup: toLoopback, timeout: 10_000, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function listen(options: Parameters<typeof createServer>[0], answer: (req: IncomingMessage) => string = () => 'hello over TLS'): Promise<{ server: Server; port: number }> {
  const server = createServer(options, (req, res) => res.end(answer(req)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

describe('server certificates from the directory CA in use over TLS (F1, NF3, issue 13)', () => {
  let db: Knex;
  let dir: RunningDirectory;

  async function issue(hosts: string, clientAuth = false): Promise<Pem> {
    const out = tempDir('tps-server-cert-');
    const err: string[] = [];
    const code = await runServerCertCommand(
      { hosts, out, clientAuth },
      { url: dir.url, adminToken: ADMIN_TOKEN, out: () => undefined, err: (l) => err.push(l) },
    );
    expect(code, err.join('\n')).to.equal(0);
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    return { key: read('key.pem'), cert: read('cert.pem'), ca: read('ca.pem') };
  }

  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    dir = await startTestDirectory(db);
  });
  after(async () => {
    await dir.close();
    await db.destroy();
  });

  it('F1/NF3 issue 13: a client pinning ca.pem reaches the server by a name in the SANs; another name or no pinned CA fails', async () => {
    const pem = await issue('rabbit.tps.test,127.0.0.1');
    const { server, port } = await listen({ key: pem.key, cert: pem.cert, minVersion: 'TLSv1.2' });
    try {
      expect(await get('rabbit.tps.test', port, { ca: pem.ca })).to.equal('hello over TLS');
      expect(await get('127.0.0.1', port, { ca: pem.ca })).to.equal('hello over TLS');
      await get('other.tps.test', port, { ca: pem.ca }).then(
        () => expect.fail('a host name outside the SANs was accepted'),
        (e: NodeJS.ErrnoException) => expect(e.code).to.equal('ERR_TLS_CERT_ALTNAME_INVALID'),
      );
      await get('localhost', port, { ca: pem.ca }).then(
        () => expect.fail('localhost is not in the SANs but was accepted'),
        (e: NodeJS.ErrnoException) => expect(e.code).to.equal('ERR_TLS_CERT_ALTNAME_INVALID'),
      );
      // Node's default trust store does not hold the directory CA.
      await get('rabbit.tps.test', port, {}).then(
        () => expect.fail('accepted without the pinned CA'),
        (e: NodeJS.ErrnoException) => expect(e.code).to.match(/SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/),
      );
    } finally {
      await close(server);
    }
  });

  it('F1/NF3 issue 13: --client-auth certificates are accepted as TLS client certificates (RabbitMQ peers); serverAuth-only ones are not', async () => {
    const serverPem = await issue('rabbit-0.tps.test');
    const peer = await issue('rabbit-1.tps.test', true);
    const plain = await issue('rabbit-2.tps.test');
    // rejectUnauthorized off so the server can tell why it would refuse (OpenSSL's verdict).
    const verdict = (req: IncomingMessage) => {
      const tls = req.socket as TLSSocket;
      return tls.authorized ? 'client certificate accepted' : `refused: ${String(tls.authorizationError)}`;
    };
    const { server, port } = await listen({ key: serverPem.key, cert: serverPem.cert, ca: serverPem.ca, requestCert: true, rejectUnauthorized: false }, verdict);
    try {
      expect(await get('rabbit-0.tps.test', port, { ca: serverPem.ca, key: peer.key, cert: peer.cert })).to.equal('client certificate accepted');
      expect(await get('rabbit-0.tps.test', port, { ca: serverPem.ca, key: plain.key, cert: plain.cert })).to.equal('refused: INVALID_PURPOSE');
      expect(await get('rabbit-0.tps.test', port, { ca: serverPem.ca })).to.match(/^refused: /);
    } finally {
      await close(server);
    }
  });
});
