// The third certificate (F1, NF3): each component's payload-encryption key, certified by the
// directory CA (keyUsage keyAgreement), published with the others, renewed with overlap, revoked
// with the component — and a keystore from before encryption getting one on its next start.
import 'reflect-metadata';
import { expect } from 'chai';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import {
  DirectoryAdminClient,
  DirectoryClient,
  DirectoryClientErrorCode,
  DirectorySync,
  enrolComponent,
  generateKeyAndCsr,
  Keystore,
  type DirectoryClientError,
} from '../../packages/directory-client/src/index.js';
import { decryptPayload, encryptPayload } from '../../packages/mades/src/index.js';
import type { RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, startTestDirectory, tempDir } from './fixtures.js';

const binding = (receiver: string) => ({ messageId: '7b0c3f0e-7f57-4c9b-a3c4-0d6f1d2b9a11', sender: codes.coreComponent, receiver, businessType: 'A01' });
const doc = Buffer.from('<GL_MarketDocument><mRID>m-1</mRID></GL_MarketDocument>');

describeEachDatabase('directory: encryption certificates (F1, NF3)', (dut) => {
  let db: Knex;
  let dir: RunningDirectory;
  let admin: DirectoryAdminClient;
  const syncs: DirectorySync[] = [];
  beforeEach(async () => {
    db = await dut.open();
    dir = await startTestDirectory(db);
    admin = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
  });
  afterEach(async () => {
    syncs.splice(0).forEach((s) => s.stop());
    await dir.close();
    await db.destroy();
  });

  const syncFor = async (token: string, ca: X509Certificate) => {
    const s = new DirectorySync({ directory: { baseUrl: dir.url }, componentToken: token, caCertificate: ca, cacheFile: join(tempDir(), 'cache.json'), intervalMs: 60_000, ttlMs: 60_000 });
    syncs.push(s);
    await s.start();
    return s;
  };

  it('F1/NF3: approval issues an encryption certificate (keyAgreement only, chains to the CA); it is published, works for ECDH-ES, and disappears on revocation', async () => {
    const options = { directory: { baseUrl: dir.url }, keystoreDir: tempDir(), registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') };
    await enrolComponent(options).catch(() => undefined); // pending
    await admin.approve(codes.agrComponent);
    const agr = await enrolComponent(options);
    const cert = agr.encryptionCertificate;
    const ca = new X509Certificate(dir.caCertificate);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).to.equal(true);
    expect(cert.subject).to.contain(`CN=${codes.agrComponent}`);
    const usage = new x509.X509Certificate(cert.toString()).getExtension(x509.KeyUsagesExtension)!;
    expect(usage.usages).to.equal(x509.KeyUsageFlags.keyAgreement);
    expect(agr.identity.encryptionSerial).to.equal(cert.serialNumber.toUpperCase());
    expect(cert.serialNumber).to.not.equal(agr.identity.signingCertificate.serialNumber);
    expect(existsSync(join(options.keystoreDir, 'encryption-key.pem'))).to.equal(true);

    const coreOptions = { ...options, keystoreDir: tempDir(), registration: registrationFor(codes.coreComponent, codes.tpsParty, 'TPS') };
    await enrolComponent(coreOptions).catch(() => undefined);
    await admin.approve(codes.coreComponent);
    const core = await enrolComponent(coreOptions);
    const sync = await syncFor(core.componentToken, core.caCertificate);
    const published = sync.encryptionCertificates(codes.agrComponent);
    expect(published.map((c) => c.serialNumber)).to.deep.equal([cert.serialNumber]);
    // What a sender does with the published certificate, what the receiver does with its key.
    const { body, encryption } = encryptPayload(doc, published[0]!, binding(codes.agrComponent));
    expect(decryptPayload(body, encryption, binding(codes.agrComponent), agr.identity.encryptionKey).equals(doc)).to.equal(true);
    expect(() => decryptPayload(body, encryption, binding(codes.agrComponent), core.identity.encryptionKey), 'another component\'s key').to.throw();

    await admin.revoke(codes.agrComponent);
    await sync.syncNow();
    expect(sync.encryptionCertificates(codes.agrComponent)).to.deep.equal([]);
    const rows = await db('dir_certificates').where({ component_code: codes.agrComponent, usage: 'encryption' });
    expect(rows).to.have.length(1);
    expect(rows[0].revoked_at).to.be.a('string');
  });

  it('F1/NF3: one key per usage — an encryption CSR with the signing key is refused (400)', async () => {
    const s = await generateKeyAndCsr(codes.agrComponent, 'O');
    const a = await generateKeyAndCsr(codes.agrComponent, 'O');
    const client = new DirectoryClient({ baseUrl: dir.url });
    const err = (await client.register({ ...registrationFor(codes.agrComponent, codes.agrParty, 'AGR'), signingCsr: s.csrPem, authenticationCsr: a.csrPem, encryptionCsr: s.csrPem }).catch((e: unknown) => e)) as DirectoryClientError;
    expect(err.status).to.equal(400);
    expect(String(err.problem?.detail)).to.contain('different keys');
    expect(await admin.list()).to.have.length(0);
  });

  it('F1/NF3: renewal issues a new encryption certificate; the old one stays published (overlap) and the keystore keeps its key for in-flight documents', async () => {
    const d = await startTestDirectory(db, { autoApprove: true });
    try {
      const keystoreDir = tempDir();
      const agr = await enrolComponent({ directory: { baseUrl: d.url }, keystoreDir, registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') });
      const before = agr.encryptionCertificate;
      const inFlight = encryptPayload(doc, before, binding(codes.agrComponent));
      const renewed = await agr.renew();
      expect(renewed.encryptionSerial).to.not.equal(before.serialNumber.toUpperCase());
      expect([...renewed.decryptionKeys!.keys()].sort()).to.deep.equal([before.serialNumber.toUpperCase(), renewed.encryptionSerial].sort());
      const oldKey = renewed.decryptionKeys!.get(before.serialNumber.toUpperCase())!;
      expect(decryptPayload(inFlight.body, inFlight.encryption, binding(codes.agrComponent), oldKey).equals(doc)).to.equal(true);
      expect(readdirSync(keystoreDir).filter((f) => f.startsWith('encryption-key.'))).to.have.length(2);
      // A restart reads the same keys back.
      const again = await enrolComponent({ directory: { baseUrl: d.url }, keystoreDir, registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') });
      expect([...again.identity.decryptionKeys!.keys()].sort()).to.deep.equal([...renewed.decryptionKeys!.keys()].sort());
      const sync = new DirectorySync({ directory: { baseUrl: d.url }, componentToken: agr.componentToken, caCertificate: agr.caCertificate, cacheFile: join(tempDir(), 'c.json'), intervalMs: 60_000, ttlMs: 60_000 });
      syncs.push(sync);
      await sync.start();
      expect(sync.encryptionCertificates(codes.agrComponent).map((c) => c.serialNumber.toUpperCase())).to.deep.equal([renewed.encryptionSerial, before.serialNumber.toUpperCase()]);
    } finally {
      await d.close();
    }
  });

  it('F1/NF3: a keystore from before encryption (no encryption key) gets one on restart through an authenticated call; unreachable directory → one clear line', async () => {
    // What an enrolment before this change left behind: two keys, token, two certificates.
    const keystoreDir = tempDir();
    const client = new DirectoryClient({ baseUrl: dir.url });
    const s = await generateKeyAndCsr(codes.dsoComponent, 'O');
    const a = await generateKeyAndCsr(codes.dsoComponent, 'O');
    const registration = registrationFor(codes.dsoComponent, codes.dsoParty, 'DSO');
    const { componentToken } = await client.register({ ...registration, signingCsr: s.csrPem, authenticationCsr: a.csrPem });
    await admin.approve(codes.dsoComponent);
    const ks = new Keystore(keystoreDir);
    ks.writeKey('signing', s.privateKey);
    ks.writeKey('authentication', a.privateKey);
    ks.writeCredentials({ code: codes.dsoComponent, organisation: registration.organisation, componentToken });
    const issued = await client.certificates(codes.dsoComponent, componentToken);
    expect(issued.certificates.map((c) => c.usage).sort()).to.deep.equal(['authentication', 'signing']);
    ks.writeCertificates({ caCertificate: issued.caCertificate, certificates: issued.certificates });

    // Directory away: the restart stops with one line saying what to do, and leaves the keystore as it was.
    const away = await enrolComponent({ directory: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 }, keystoreDir, registration }).catch((e: unknown) => e as DirectoryClientError);
    expect((away as DirectoryClientError).code).to.equal(DirectoryClientErrorCode.Keystore);
    expect((away as Error).message).to.match(/no encryption key .* unreachable .* start .* once while the directory is reachable/);
    expect((away as Error).message).to.not.contain('\n');
    expect(ks.hasKey('encryption')).to.equal(false);

    const restarted = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir, registration });
    expect(restarted.identity.serial).to.equal(issued.certificates.find((c) => c.usage === 'signing')!.serial.toUpperCase()); // same signing identity
    expect(ks.hasKey('encryption')).to.equal(true);
    const enc = restarted.encryptionCertificate;
    expect(enc.checkIssued(new X509Certificate(dir.caCertificate))).to.equal(true);
    const { body, encryption } = encryptPayload(doc, enc, binding(codes.dsoComponent));
    expect(decryptPayload(body, encryption, binding(codes.dsoComponent), restarted.identity.encryptionKey).equals(doc)).to.equal(true);
    // Published to everyone else.
    const sync = await syncFor(componentToken, restarted.caCertificate);
    expect(sync.encryptionCertificates(codes.dsoComponent).map((c) => c.serialNumber)).to.deep.equal([enc.serialNumber]);
    // Only the component itself may certify its encryption key.
    rmSync(join(keystoreDir, 'encryption-key.pem'));
    const other = await generateKeyAndCsr(codes.dsoComponent, 'O');
    const forbidden = (await client.certifyEncryptionKey(codes.dsoComponent, 'not-a-token', { encryptionCsr: other.csrPem }).catch((e: unknown) => e)) as DirectoryClientError;
    expect(forbidden.status).to.equal(401);
  });
});
