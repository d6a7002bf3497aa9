import { expect } from 'chai';
import { sign, verify, X509Certificate, generateKeyPairSync } from 'node:crypto';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import {
  DirectoryAdminClient,
  DirectoryClientError,
  DirectoryClientErrorCode,
  enrolComponent,
} from '../../packages/directory-client/src/index.js';
import type { RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, rowCounts, startTestDirectory, tempDir } from './fixtures.js';

describeEachDatabase('directory: registration → approval → certificates (F1)', (dut) => {
  let db: Knex;
  let dir: RunningDirectory;
  let admin: DirectoryAdminClient;
  beforeEach(async () => {
    db = await dut.open();
    dir = await startTestDirectory(db);
    admin = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
  });
  afterEach(async () => {
    await dir.close();
    await db.destroy();
  });

  it('F1: register → approve → issue; a signature by the component verifies with a certificate chaining to the directory CA', async () => {
    const keystoreDir = tempDir();
    const options = { directory: { baseUrl: dir.url }, keystoreDir, registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') };
    const pending = await enrolComponent(options).catch((e: unknown) => e);
    expect((pending as DirectoryClientError).code).to.equal(DirectoryClientErrorCode.PendingApproval);
    expect((await admin.list('pending')).map((c) => c.code)).to.deep.equal([codes.agrComponent]);

    await admin.approve(codes.agrComponent);
    const enrolled = await enrolComponent(options);
    const { identity } = enrolled;
    expect(identity.code).to.equal(codes.agrComponent);
    expect(identity.serial).to.equal(identity.signingCertificate.serialNumber.toUpperCase());

    const ca = new X509Certificate(dir.caCertificate);
    const cert = identity.signingCertificate;
    expect(cert.checkIssued(ca)).to.equal(true);
    expect(cert.verify(ca.publicKey)).to.equal(true);
    expect(cert.subject).to.contain(`CN=${codes.agrComponent}`);
    const data = Buffer.from('<Unavailability_MarketDocument/>');
    const signature = sign('sha256', data, identity.signingKey);
    expect(verify('sha256', data, cert.publicKey, signature)).to.equal(true);
    // Negative control: a key the directory never certified does not verify against the certificate.
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verify('sha256', data, cert.publicKey, sign('sha256', data, stranger.privateKey))).to.equal(false);
    // ECDSA P-256 keys, and a separate TLS authentication certificate from the same CA.
    expect(identity.signingKey.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
    expect(enrolled.authenticationCertificate.checkIssued(ca)).to.equal(true);
    expect(enrolled.authenticationCertificate.serialNumber).to.not.equal(cert.serialNumber);
    // Default validity: 365 days.
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    expect(Math.round(days)).to.equal(365);
  });

  it('F1: the private key stays in the keystore (files 0600) and a restart reuses keys and certificates without registering again', async () => {
    const keystoreDir = tempDir();
    await admin.list(); // the directory is up
    const options = { directory: { baseUrl: dir.url }, keystoreDir, registration: registrationFor(codes.dsoComponent, codes.dsoParty, 'DSO') };
    await enrolComponent(options).catch(() => undefined);
    await admin.approve(codes.dsoComponent);
    const first = await enrolComponent(options);
    const second = await enrolComponent(options);
    expect(second.identity.serial).to.equal(first.identity.serial);
    expect(second.componentToken).to.equal(first.componentToken);
    expect(await admin.list()).to.have.length(1);
    for (const f of readdirSync(keystoreDir)) expect(statSync(join(keystoreDir, f)).mode & 0o777, f).to.equal(0o600);
    // The directory never saw a private key: nothing it stores contains one.
    const stored = JSON.stringify(await db('dir_components').select());
    expect(stored).to.not.contain('PRIVATE KEY');
  });

  it('F1: with the dev-only auto-approve setting a registration is approved and certified at once', async () => {
    await dir.close();
    dir = await startTestDirectory(db, { autoApprove: true });
    admin = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
    const enrolled = await enrolComponent({
      directory: { baseUrl: dir.url },
      keystoreDir: tempDir(),
      registration: registrationFor(codes.coreComponent, codes.tpsParty, 'TPS'),
    });
    expect(enrolled.identity.signingCertificate.checkIssued(new X509Certificate(dir.caCertificate))).to.equal(true);
    expect((await admin.get(codes.coreComponent)).status).to.equal('approved');
  });

  it('F1: an administrator approves only pending components, and only with the admin token', async () => {
    const ks = tempDir();
    await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: ks, registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') }).catch(() => undefined);
    const wrong = await new DirectoryAdminClient({ baseUrl: dir.url }, 'not-the-token').approve(codes.agrComponent).catch((e: DirectoryClientError) => e);
    expect((wrong as DirectoryClientError).status).to.equal(401);
    expect((await admin.get(codes.agrComponent)).status).to.equal('pending');
    expect((await rowCounts(db)).dir_certificates).to.equal(0);
    await admin.approve(codes.agrComponent);
    const again = await admin.approve(codes.agrComponent).catch((e: DirectoryClientError) => e);
    expect((again as DirectoryClientError).status).to.equal(409);
  });
});
