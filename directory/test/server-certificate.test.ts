// POST /api/admin/server-certificates (issue 13): the directory CA certifies a server key the
// caller keeps, for the host names the administrator asks. Real directory, real SQLite.
import { expect } from 'chai';
import { X509Certificate, webcrypto } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { openDatabase } from '../../packages/storage/src/index.js';
import { EC_ALGORITHM, generateKeyAndCsr, x509 } from '../../packages/directory-client/src/index.js';
import { defaultDirectoryConfig, startDirectory, type RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, rowCounts, startTestDirectory } from './fixtures.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ROUTE = '/api/admin/server-certificates';

describe('directory: server certificates for RabbitMQ and separately deployed components (F1, NF3, issue 13)', () => {
  let db: Knex;
  let dir: RunningDirectory;
  let csr: string;
  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    dir = await startTestDirectory(db);
    csr = (await generateKeyAndCsr('rabbit.tps.test', 'TPS')).csrPem;
  });
  after(async () => {
    await dir.close();
    await db.destroy();
  });

  async function post(body: unknown, token: string | null = ADMIN_TOKEN): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(dir.url + ROUTE, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  }

  async function expectRefused(status: number, body: unknown, token: string | null = ADMIN_TOKEN): Promise<Record<string, unknown>> {
    const res = await post(body, token);
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    expect(res.type).to.contain('application/problem+json');
    expect(res.body.detail).to.be.a('string').and.not.equal('');
    return res.body;
  }

  function fieldsOf(problem: Record<string, unknown>): string {
    return JSON.stringify(problem.errors ?? []);
  }

  it('F1/NF3 issue 13: without the admin token, with a wrong one or with a component-style token: 401', async () => {
    const body = { csr, hosts: ['rabbit.tps.test'] };
    // null, not undefined: undefined would fall back to the admin token default.
    await expectRefused(401, body, null);
    await expectRefused(401, body, 'wrong-admin-token');
    await expectRefused(401, body, 'ABCDEFGHIJKLMNOP.secret');
  });

  it('F1/NF3 issue 13: a missing, malformed or foreign-signed CSR, or a non-P-256 key, is 400 problem+json', async () => {
    expect(fieldsOf(await expectRefused(400, { hosts: ['a.tps.test'] }))).to.contain('csr');
    expect(fieldsOf(await expectRefused(400, { csr: 'not a csr', hosts: ['a.tps.test'] }))).to.contain('malformed CSR');
    const garbage = '-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----\n';
    expect(fieldsOf(await expectRefused(400, { csr: garbage, hosts: ['a.tps.test'] }))).to.contain('malformed CSR');

    const k1 = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const k2 = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const mismatched = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=a.tps.test', keys: { publicKey: k1.publicKey, privateKey: k2.privateKey }, signingAlgorithm: EC_ALGORITHM });
    const p = await expectRefused(400, { csr: mismatched.toString('pem'), hosts: ['a.tps.test'] });
    expect(String(p.detail)).to.contain('not signed by the key it carries');

    const p384Alg = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };
    const k384 = (await webcrypto.subtle.generateKey(p384Alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const p384 = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=a.tps.test', keys: k384, signingAlgorithm: p384Alg });
    expect(String((await expectRefused(400, { csr: p384.toString('pem'), hosts: ['a.tps.test'] })).detail)).to.contain('P-256');
  });

  it('F1/NF3 issue 13: bad host names, too many or repeated hosts, days out of range and unknown fields are 400; the process stays up', async () => {
    const before = await rowCounts(db);
    for (const hosts of [[], ['*.tps.test'], ['bad_host.tps.test'], ['a..tps.test'], ['-a.tps.test'], ['10.1.2'], ['fe80::1%eth0'], ['a.tps.test', 'A.tps.test'], ['x'.repeat(64) + '.test'], 'a.tps.test']) {
      expect(fieldsOf(await expectRefused(400, { csr, hosts })), JSON.stringify(hosts)).to.contain('hosts');
    }
    const many = Array.from({ length: 21 }, (_, i) => `h${i}.tps.test`);
    expect(fieldsOf(await expectRefused(400, { csr, hosts: many }))).to.contain('hosts');
    for (const days of [0, 826, 1.5, -1, '30']) {
      expect(fieldsOf(await expectRefused(400, { csr, hosts: ['a.tps.test'], days })), String(days)).to.contain('days');
    }
    expect(fieldsOf(await expectRefused(400, { csr, hosts: ['a.tps.test'], clientAuth: 'yes' }))).to.contain('clientAuth');
    expect(fieldsOf(await expectRefused(400, { csr, hosts: ['a.tps.test'], subject: 'CN=evil' }))).to.contain('subject');
    expect((await fetch(dir.url + '/health')).status).to.equal(200);
    // The limits themselves are accepted.
    expect((await post({ csr, hosts: many.slice(0, 20), days: 825 })).status).to.equal(201);
    expect((await post({ csr, hosts: ['a.tps.test'], days: 1 })).status).to.equal(201);
    // Nothing about components was touched.
    expect(await rowCounts(db)).to.deep.equal(before);
  });

  it('F1/NF3 issue 13: the certificate chains to the directory CA and carries exactly the SANs asked, serverAuth only, for the CSR key', async () => {
    const key = await generateKeyAndCsr('ignored-by-the-directory', 'Somebody Else');
    const res = await post({ csr: key.csrPem, hosts: ['rabbit.tps.test', 'Broker.TPS.test', '10.0.0.7', '::1'], days: 30 });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const cert = new X509Certificate(res.body.certificatePem as string);
    const ca = new X509Certificate(res.body.caPem as string);
    expect(res.body.caPem).to.equal(dir.caCertificate);
    expect(cert.checkIssued(ca)).to.equal(true);
    expect(cert.verify(ca.publicKey)).to.equal(true);
    expect(cert.ca).to.equal(false);
    expect(cert.subjectAltName).to.equal('DNS:rabbit.tps.test, DNS:broker.tps.test, IP Address:10.0.0.7, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.subject).to.contain('CN=rabbit.tps.test').and.not.contain('Somebody Else');
    expect(cert.keyUsage).to.deep.equal([SERVER_AUTH]);
    const parsed = new x509.X509Certificate(res.body.certificatePem as string);
    expect(parsed.getExtension(x509.KeyUsagesExtension)?.usages).to.equal(x509.KeyUsageFlags.digitalSignature);
    // The public key is the requester's: the private key never left it.
    expect(cert.checkPrivateKey(key.privateKey)).to.equal(true);
    expect(res.body.serial).to.equal(cert.serialNumber.toUpperCase());
    expect(res.body.notAfter).to.equal(new Date(cert.validTo).toISOString());
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).to.be.within(29.9, 30.1);
  });

  it('F1/NF3 issue 13: clientAuth adds the clientAuth EKU; the default validity is 365 days', async () => {
    const res = await post({ csr, hosts: ['rabbit-1.tps.test'], clientAuth: true });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const cert = new X509Certificate(res.body.certificatePem as string);
    expect(cert.keyUsage).to.deep.equal([SERVER_AUTH, CLIENT_AUTH]);
    expect((Date.parse(cert.validTo) - Date.now()) / 86_400_000).to.be.within(364.9, 365.1);
  });

  it('F1/NF3 issue 13: each issuance is recorded in the audit log with serial, hosts and expiry (never the CSR or a key)', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const auditDb = await openDatabase({ sqliteFile: ':memory:' });
    const audited = await startDirectory({ db: auditDb, config: defaultDirectoryConfig({ adminToken: ADMIN_TOKEN }), logger: pino({ level: 'info' }, sink), port: 0 });
    try {
      const res = await fetch(audited.url + ROUTE, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ csr, hosts: ['rabbit.tps.test'], clientAuth: true }),
      });
      const body = (await res.json()) as { serial: string; notAfter: string };
      expect(res.status).to.equal(201);
      const audit = lines.filter((l) => l.audit === 'directory.server-certificate');
      expect(audit).to.have.length(1);
      expect(audit[0]).to.include({ serial: body.serial, notAfter: body.notAfter, clientAuth: true });
      expect(audit[0]!.hosts).to.deep.equal(['rabbit.tps.test']);
      expect(JSON.stringify(lines)).to.not.contain('CERTIFICATE REQUEST');
    } finally {
      await audited.close();
      await auditDb.destroy();
    }
  });
});
