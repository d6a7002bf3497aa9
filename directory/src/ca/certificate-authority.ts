// The directory's CA (F1): a self-signed ECDSA P-256 root that certifies component keys from
// their CSRs. Created on first start, kept in the directory's database so a restart (or a second
// replica) issues under the same root and earlier certificates keep chaining.
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Knex } from 'knex';
import { EC_ALGORITHM, x509 } from '../../../packages/directory-client/src/x509-provider.js';
import type { CaRepository } from '../storage/ca.repository.js';
import type { CertificateUsage } from '../model.js';
import type { ParsedCsr } from './csr.js';

const CA_VALIDITY_SECONDS = 20 * 365 * 86_400;
/** Tolerates clocks of other components running slightly behind. */
const BACKDATE_SECONDS = 60;

export interface IssuedCertificate {
  serial: string;
  pem: string;
  notBefore: string;
  notAfter: string;
}

export class CertificateAuthority {
  readonly certificate: X509Certificate;
  private readonly caCert: x509.X509Certificate;

  private constructor(
    readonly certificatePem: string,
    private readonly signingKey: webcrypto.CryptoKey,
  ) {
    this.certificate = new X509Certificate(certificatePem);
    this.caCert = new x509.X509Certificate(certificatePem);
  }

  static async loadOrCreate(db: Knex, repo: CaRepository, now: Date = new Date()): Promise<CertificateAuthority> {
    let stored = await repo.get(db);
    if (!stored) {
      const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: randomSerial(),
        name: [{ CN: ['TPS Component Directory CA'] }, { O: ['TPS'] }],
        keys,
        signingAlgorithm: EC_ALGORITHM,
        notBefore: new Date(now.getTime() - BACKDATE_SECONDS * 1000),
        notAfter: new Date(now.getTime() + CA_VALIDITY_SECONDS * 1000),
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
      const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
      stored = await repo.insertIfAbsent(db, { certificatePem: cert.toString('pem'), privateKeyPem: keyPem }, now.toISOString());
    }
    const der = createPrivateKey(stored.privateKeyPem).export({ format: 'der', type: 'pkcs8' });
    const key = await webcrypto.subtle.importKey('pkcs8', der, EC_ALGORITHM, false, ['sign']);
    return new CertificateAuthority(stored.certificatePem, key);
  }

  /** Certifies the CSR's public key for one usage; the subject is the component (CN) and its organisation (O). */
  async issue(csr: ParsedCsr, code: string, organisation: string, usage: CertificateUsage, validitySeconds: number, now = new Date()): Promise<IssuedCertificate> {
    // Encryption keys only agree keys (ECDH-ES for payload encryption, F1/NF3): no signing use.
    const keyUsage =
      usage === 'signing'
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
        : usage === 'encryption'
          ? x509.KeyUsageFlags.keyAgreement
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement;
    const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(keyUsage, true)];
    if (usage === 'authentication') extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]));
    return this.sign(csr.publicKey, [{ CN: [code] }, { O: [organisation] }], extensions, validitySeconds, now);
  }

  /** The directory's own TLS certificate (REST over HTTPS); its key is generated here and stays in memory. */
  async issueServerCertificate(hostnames: string[], validitySeconds: number): Promise<{ certPem: string; keyPem: string }> {
    const keys = (await webcrypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const issued = await this.signServer(keys.publicKey, hostnames, false, validitySeconds, new Date());
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
    return { certPem: issued.pem, keyPem: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString() };
  }

  /**
   * A TLS server certificate for a key the requester keeps (issue 13: RabbitMQ, a separately
   * deployed core or facade). The CSR only proves possession of the key; the names are the
   * administrator's `hostnames`, never the CSR's subject. `clientAuth` adds that EKU for
   * servers that also dial out with the same certificate (RabbitMQ cluster peers, shovels).
   */
  certifyServerKey(csr: ParsedCsr, hostnames: string[], clientAuth: boolean, validitySeconds: number, now = new Date()): Promise<IssuedCertificate> {
    return this.signServer(csr.publicKey, hostnames, clientAuth, validitySeconds, now);
  }

  private async signServer(publicKey: x509.PublicKeyType, hostnames: string[], clientAuth: boolean, validitySeconds: number, now: Date): Promise<IssuedCertificate> {
    // Clients check host names against the SANs only (RFC 6125); the CN is for people reading it.
    const san = new x509.SubjectAlternativeNameExtension(hostnames.map((h) => (isIP(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h })));
    const eku = clientAuth ? [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth] : [x509.ExtendedKeyUsage.serverAuth];
    return this.sign(
      publicKey,
      // X.520 caps a CN at 64 characters; a longer DNS name still goes into the SANs.
      [{ CN: [hostnames.find((h) => h.length <= 64) ?? 'TPS server'] }, { O: ['TPS'] }],
      [new x509.BasicConstraintsExtension(false), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.ExtendedKeyUsageExtension(eku), san],
      validitySeconds,
      now,
    );
  }

  private async sign(
    publicKey: x509.PublicKeyType,
    subject: x509.JsonName,
    extensions: x509.Extension[],
    validitySeconds: number,
    now: Date,
  ): Promise<IssuedCertificate> {
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - BACKDATE_SECONDS * 1000);
    const notAfter = new Date(Math.floor(now.getTime() / 1000) * 1000 + validitySeconds * 1000);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: this.caCert.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey: this.signingKey,
      signingAlgorithm: EC_ALGORITHM,
      extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(this.caCert.publicKey)],
    });
    const pem = cert.toString('pem');
    // Node's X509Certificate is what verifiers use: take the serial exactly as it reports it.
    return { serial: new X509Certificate(pem).serialNumber.toUpperCase(), pem, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
  }
}

/** 16 random bytes, positive and without a leading zero byte, so every tool prints it alike. */
function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.toString('hex');
}
