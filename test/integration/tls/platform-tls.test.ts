// The platform with TPS_TLS=on over RabbitMQ amqps (issue 13, security bullet "AMQP over TLS and
// HTTPS for every REST facade and the directory, with certificates from the directory's CA"):
// every facade answers HTTPS only to clients that pin the directory CA, the components speak
// amqps with their authentication certificates to a broker that requires one, and a real DSO →
// core → DSO flow completes. Private RabbitMQ (harness) with a TLS listener, real HTTPS.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import { loadPlatformConfig, type PlatformConfig } from '../../../packages/config/src/index.js';
import { createLogger } from '../../../packages/http/src/index.js';
import { openComponentDatabase } from '../../../packages/runtime/src/index.js';
import { RabbitNode } from '../../../packages/testing/src/index.js';
import { createDirectoryApp, defaultDirectoryConfig } from '../../../directory/src/index.js';
import { dremCast } from '../../../packages/scenarios/src/index.js';
import { COMPONENT_NAMES, startPlatform, type RunningPlatform } from '../../../cli/platform/platform.js';
import { ensureDemoTokens, type DemoToken } from '../../../cli/platform/demo-tokens.js';
import { caFileOf } from '../../../cli/platform/transport-security.js';
import { httpsCall } from './https-call.js';

describe('platform with TPS_TLS=on: HTTPS facades and amqps with client certificates (F1, NF3, issue 13)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let rabbit: RabbitNode;
  let config: PlatformConfig;
  let platform: RunningPlatform;
  let tokens: DemoToken[];
  let caPem: string;
  const url = (name: string) => platform.components.find((c) => c.name === name)!.url;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tps-tls-'));
    const env = { TPS_DATA_DIR: dataDir, TPS_TLS: 'on', LOG_LEVEL: 'error', TPS_DIRECTORY_AUTO_APPROVE: 'true', TPS_ADMIN_TOKEN: randomBytes(24).toString('base64url') };
    // The directory CA must exist before RabbitMQ starts (it certifies the broker): create it in
    // the directory's own store, where the platform's directory will find it.
    const bootstrap = loadPlatformConfig(env);
    const db = await openComponentDatabase(bootstrap, 'directory');
    const { ca } = await createDirectoryApp({ db, config: defaultDirectoryConfig(), logger: createLogger('directory', 'silent') });
    const brokerCert = await ca.issueServerCertificate(['127.0.0.1', 'localhost'], 86_400);
    caPem = ca.certificatePem;
    await db.destroy();
    rabbit = await new RabbitNode({ tls: { caPem, ...brokerCert, requireClientCertificate: true } }).start();
    config = loadPlatformConfig({ ...env, AMQP_URL: rabbit.tlsUrl });
    platform = await startPlatform(config, COMPONENT_NAMES, { ports: { directory: 0, core: 0, agr: 0, dso: 0 } });
    tokens = await ensureDemoTokens(config, platform.components);
  });
  after(async () => {
    await platform?.close();
    await rabbit?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('NF3: the directory, core, AGR and DSO answer over HTTPS to a client that pins the directory CA (written for curl --cacert)', async () => {
    expect(readFileSync(caFileOf(config), 'utf8')).to.equal(caPem);
    for (const name of COMPONENT_NAMES) {
      expect(url(name), name).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      const r = await httpsCall(`${url(name)}/health`, { ca: caPem });
      expect(r.status, name).to.equal(200);
    }
  });

  it('NF3: a client that does not trust the directory CA fails the handshake on every facade; plain HTTP gets no answer', async () => {
    for (const name of ['core', 'agr', 'dso', 'directory']) {
      const err = (await httpsCall(`${url(name)}/health`).catch((e: unknown) => e)) as Error;
      expect(err, name).to.be.instanceOf(Error);
      expect(err.message, name).to.match(/certificate/i);
      const plain = await fetch(url(name).replace('https:', 'http:') + '/health').catch((e: unknown) => e);
      expect(plain, `${name} over http`).to.be.instanceOf(Error);
    }
  });

  it('F1: a DSO registration travels DSO → core → DSO over amqps and is acknowledged', async () => {
    const dso = tokens.find((t) => t.component === 'dso')!;
    const cp = dremCast(Date.now(), 'tls').dsos.find((d) => d.party === dso.party)!.connectionPointIds[0]!;
    const sent = await httpsCall(`${url('dso')}/connection-points`, { ca: caPem, token: dso.token, method: 'POST', body: { connectionPointIds: [cp] } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(202);
    let state = '';
    for (let i = 0; i < 100 && state !== 'registered'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const list = await httpsCall(`${url('dso')}/connection-points`, { ca: caPem, token: dso.token });
      state = (list.body as { connectionPoints: Array<{ connectionPointId: string; state: string }> }).connectionPoints.find((c) => c.connectionPointId === cp)?.state ?? '';
    }
    expect(state).to.equal('registered');
  });

  it('F1: every broker connection is TLS and presents a component authentication certificate', async () => {
    const lines = (await rabbit.ctl(['list_connections', 'ssl', 'peer_cert_subject', '--no-table-headers', '--quiet']))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    expect(lines.length).to.be.greaterThanOrEqual(3);
    for (const l of lines) expect(l).to.match(/^true\s+.*CN=10V-TPS-/);
    for (const code of [config.identities.core.code, config.identities.agr.code, config.identities.dso.code]) {
      expect(lines.some((l) => l.includes(`CN=${code}`)), code).to.equal(true);
    }
  });

  it('NF3: the TLS port refuses plain amqp://, amqps without the pinned CA, and amqps without a client certificate', async () => {
    const attempts = [
      amqp.connect(`amqp://guest:guest@127.0.0.1:${rabbit.tlsPort}`, { timeout: 5_000 }),
      amqp.connect(rabbit.tlsUrl, { timeout: 5_000 }),
      amqp.connect(rabbit.tlsUrl, { timeout: 5_000, ca: caPem }),
    ];
    const outcomes = await Promise.all(attempts.map((p) => p.then(async (c) => (await c.close(), 'connected')).catch(() => 'refused')));
    expect(outcomes).to.deep.equal(['refused', 'refused', 'refused']);
  });
});
