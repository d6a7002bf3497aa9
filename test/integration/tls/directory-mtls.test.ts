// Mutual TLS component ↔ directory (issue 13, security bullet "mutual TLS for component ↔
// directory"): with TPS_TLS on, a component token alone no longer opens the component routes;
// the TLS client certificate must be that component's own, valid, unrevoked authentication
// certificate from the directory CA. Real HTTPS on 127.0.0.1, real SQLite.
import { expect } from 'chai';
import { webcrypto } from 'node:crypto';
import type { Knex } from 'knex';
import { openDatabase } from '../../../packages/storage/src/index.js';
import { createLogger } from '../../../packages/http/src/index.js';
import { DirectoryAdminClient, DirectorySync, enrolComponent, type EnrolledComponent, type HttpOptions } from '../../../packages/directory-client/src/index.js';
import { EC_ALGORITHM, x509 } from '../../../packages/directory-client/src/x509-provider.js';
import { defaultDirectoryConfig, startDirectory, type RunningDirectory } from '../../../directory/src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, tempDir } from '../../../directory/test/fixtures.js';
import { authenticationCredentials } from '../../../cli/platform/transport-security.js';
import { httpsCall } from './https-call.js';

describe('mutual TLS component ↔ directory (F1, NF3, issue 13)', () => {
  let db: Knex;
  let dir: RunningDirectory;
  let agr: EnrolledComponent;
  let dso: EnrolledComponent;
  let other: EnrolledComponent;

  /** How a component reaches the directory: pinned CA, its own certificate once it has one. */
  function httpFor(ref: { enrolled?: EnrolledComponent }): HttpOptions {
    return { baseUrl: dir.url, caPem: dir.caCertificate, clientCertificate: () => (ref.enrolled ? authenticationCredentials(ref.enrolled) : undefined) };
  }
  async function enrol(code: string, party: string, role: 'AGR' | 'DSO'): Promise<EnrolledComponent> {
    const ref: { enrolled?: EnrolledComponent } = {};
    ref.enrolled = await enrolComponent({ directory: httpFor(ref), keystoreDir: tempDir(), registration: registrationFor(code, party, role) });
    // The first call after enrolment that needs the certificate.
    await ref.enrolled.setMessagePaths([{ sender: '*', businessType: '*' }]);
    return ref.enrolled;
  }
  const directoryUrl = () => `${dir.url}/api/directory`;

  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    dir = await startDirectory({
      db,
      config: defaultDirectoryConfig({ tls: true, mutualTls: true, autoApprove: true, adminToken: ADMIN_TOKEN, tlsHostnames: ['127.0.0.1', 'localhost'] }),
      logger: createLogger('directory', 'silent'),
      port: 0,
    });
    agr = await enrol(codes.agrComponent, codes.agrParty, 'AGR');
    dso = await enrol(codes.dsoComponent, codes.dsoParty, 'DSO');
    other = await enrol(codes.otherComponent, codes.otherParty, 'AGR');
  });
  after(async () => {
    await dir?.close();
    await db?.destroy();
  });

  it('F1: registration and enrolment work without a client certificate (none exists yet); the directory speaks HTTPS', () => {
    expect(dir.url).to.match(/^https:\/\//);
    expect(agr.authenticationCertificate.subject).to.contain(`CN=${codes.agrComponent}`);
  });

  it('F1: the right token with the component\'s own authentication certificate is accepted', async () => {
    const r = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: agr.componentToken, clientCert: authenticationCredentials(agr) });
    expect(r.status).to.equal(200);
    expect((r.body as { components: unknown[] }).components.length).to.be.greaterThanOrEqual(3);
  });

  it('F1: DirectorySync presents the certificate and synchronises over mutual TLS', async () => {
    const sync = new DirectorySync({
      directory: httpFor({ enrolled: dso }),
      componentToken: dso.componentToken,
      caCertificate: dir.caCertificate,
      cacheFile: `${tempDir()}/cache.json`,
      intervalMs: 3_600_000,
      ttlMs: 3_600_000,
    });
    await sync.start();
    await sync.stop();
    expect(sync.stats.downloads).to.equal(1);
    expect(sync.stats.failures).to.equal(0);
  });

  it('NF3: a valid token without any client certificate is refused (401) on sync, paths and renewal', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/directory', undefined],
      ['PUT', `/api/components/${codes.agrComponent}/message-paths`, { paths: [] }],
      ['POST', `/api/components/${codes.agrComponent}/renewal`, { signingCsr: 'x' }],
    ] as const) {
      const r = await httpsCall(dir.url + path, { ca: dir.caCertificate, token: agr.componentToken, method, body });
      expect(r.status, `${method} ${path}`).to.equal(401);
      expect(JSON.stringify(r.body)).to.contain('client certificate');
    }
  });

  it('NF3: a token with another component\'s certificate is refused (401), in both directions', async () => {
    const r1 = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: agr.componentToken, clientCert: authenticationCredentials(dso) });
    const r2 = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: dso.componentToken, clientCert: authenticationCredentials(agr) });
    expect([r1.status, r2.status]).to.deep.equal([401, 401]);
    expect(JSON.stringify(r1.body)).to.contain(codes.agrComponent);
  });

  it('NF3: a certificate naming the component but not issued by the directory CA is refused (401)', async () => {
    const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const forged = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: [{ CN: [codes.agrComponent] }],
      keys,
      signingAlgorithm: EC_ALGORITHM,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3_600_000),
      extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
    const r = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: agr.componentToken, clientCert: { keyPem, certPem: forged.toString('pem') } });
    expect(r.status).to.equal(401);
    expect(JSON.stringify(r.body)).to.contain('not issued by the directory CA');
  });

  it('F1: a revoked component is refused with its own token and certificate, and its certificate no longer opens another\'s token', async () => {
    const before = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: other.componentToken, clientCert: authenticationCredentials(other) });
    expect(before.status).to.equal(200);
    const revokedCert = authenticationCredentials(other);
    await new DirectoryAdminClient({ baseUrl: dir.url, caPem: dir.caCertificate }, ADMIN_TOKEN).revoke(codes.otherComponent);
    const own = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: other.componentToken, clientCert: revokedCert });
    const withAgrToken = await httpsCall(directoryUrl(), { ca: dir.caCertificate, token: agr.componentToken, clientCert: revokedCert });
    expect([own.status, withAgrToken.status]).to.deep.equal([403, 401]);
  });

  it('F1: the admin routes keep using the admin token (no client certificate needed)', async () => {
    const list = await new DirectoryAdminClient({ baseUrl: dir.url, caPem: dir.caCertificate }, ADMIN_TOKEN).list();
    expect(list.map((c) => c.code)).to.include(codes.agrComponent);
  });
});
