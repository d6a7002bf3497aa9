import { expect } from 'chai';
import { X509Certificate, webcrypto } from 'node:crypto';
import { SnapshotView } from './snapshot-view.js';
import { EC_ALGORITHM, x509 } from './x509-provider.js';
import { eicWithCheck } from './eic.js';
import type { DirectoryContent } from './wire-types.js';

async function selfSigned(cn: string, ca?: { cert: x509.X509Certificate; key: webcrypto.CryptoKey }): Promise<{ cert: x509.X509Certificate; key: webcrypto.CryptoKey }> {
  const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 3_600_000);
  const cert = ca
    ? await x509.X509CertificateGenerator.create({ subject: `CN=${cn}`, issuer: ca.cert.subjectName, publicKey: keys.publicKey, signingKey: ca.key, signingAlgorithm: EC_ALGORITHM, notBefore, notAfter })
    : await x509.X509CertificateGenerator.createSelfSigned({ name: `CN=${cn}`, keys, signingAlgorithm: EC_ALGORITHM, notBefore, notAfter, extensions: [new x509.BasicConstraintsExtension(true, 0, true)] });
  return { cert, key: keys.privateKey };
}

describe('directory client: the view trusts only certificates chaining to the pinned CA (F1)', () => {
  it('F1: drops a certificate issued by another CA or for another component, keeps a genuine one', async () => {
    const code = eicWithCheck('10V000000000AGR');
    const ca = await selfSigned('TPS CA');
    const rogueCa = await selfSigned('TPS CA');
    const genuine = await selfSigned(code, ca);
    const forged = await selfSigned(code, rogueCa);
    const misnamed = await selfSigned(eicWithCheck('10V000000000DSO'), ca);
    const pc = (c: x509.X509Certificate) => ({ componentCode: code, serial: new X509Certificate(c.toString('pem')).serialNumber, usage: 'signing' as const, pem: c.toString('pem'), notBefore: '', notAfter: '' });
    const content: DirectoryContent = {
      version: 'v1',
      generatedAt: new Date().toISOString(),
      caCertificate: ca.cert.toString('pem'),
      components: [{ code, type: 'ENDPOINT', organisation: 'O', parties: [], inbox: 'q', status: 'approved' }],
      certificates: [pc(genuine.cert), pc(forged.cert), pc(misnamed.cert)],
      paths: [],
    };
    const view = new SnapshotView(content, new X509Certificate(ca.cert.toString('pem')));
    expect(view.signingCertificates(code).map((c) => c.serialNumber)).to.deep.equal([new X509Certificate(genuine.cert.toString('pem')).serialNumber]);
    expect(view.rejectedCertificates).to.have.length(2);
    expect(view.signingCertificate(code, pc(forged.cert).serial)).to.equal(undefined);
    expect(view.signingCertificate(code, pc(genuine.cert).serial.toLowerCase())).to.not.equal(undefined);
  });
});

describe('directory client: certificateStatus from the content (F1: SIGNER_REVOKED vs SIGNER_UNKNOWN)', () => {
  it('F1: a serial listed in revokedCertificates is revoked even for an approved component; others keep their status', async () => {
    const code = eicWithCheck('10V000000000AGR');
    const ca = await selfSigned('TPS CA');
    const kept = await selfSigned(code, ca);
    const serialOf = (c: x509.X509Certificate) => new X509Certificate(c.toString('pem')).serialNumber;
    const content: DirectoryContent = {
      version: 'v2',
      generatedAt: new Date().toISOString(),
      caCertificate: ca.cert.toString('pem'),
      components: [{ code, type: 'ENDPOINT', organisation: 'O', parties: [], inbox: 'q', status: 'approved' }],
      certificates: [{ componentCode: code, serial: serialOf(kept.cert), usage: 'signing', pem: kept.cert.toString('pem'), notBefore: '', notAfter: '' }],
      paths: [],
      revokedCertificates: [{ componentCode: code, serial: 'abc123', revokedAt: new Date().toISOString(), notAfter: new Date(Date.now() + 3_600_000).toISOString() }],
    };
    const view = new SnapshotView(content, new X509Certificate(ca.cert.toString('pem')));
    expect(view.certificateStatus(code, 'ABC123')).to.equal('revoked');
    expect(view.certificateStatus(code, serialOf(kept.cert))).to.equal('valid');
    expect(view.certificateStatus(code, 'DEF456')).to.equal('unknown');
    // Content from an older directory (no revokedCertificates) still works.
    const { revokedCertificates: _omitted, ...older } = content;
    expect(new SnapshotView(older, new X509Certificate(ca.cert.toString('pem'))).certificateStatus(code, 'ABC123')).to.equal('unknown');
  });
});
