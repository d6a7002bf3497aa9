// Enrolment (F1): the component generates its key pairs locally (signing, TLS authentication,
// payload encryption), submits CSRs, and fetches its certificates once an administrator approved
// it. Private keys never leave the keystore folder; a restart reuses keys, token and certificates
// (even while the directory is down). A keystore from before payload encryption gets its
// encryption key made and certified on the next start, through an authenticated component call.
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ComponentIdentity } from '../../trust/src/index.js';
import { DirectoryClientError, DirectoryClientErrorCode } from './client-error.js';
import { DirectoryClient, type PathRule } from './directory-client.js';
import type { HttpOptions } from './http-client.js';
import { generateKeyAndCsr } from './keys.js';
import { Keystore, type KeyName, type KeystoreCredentials } from './keystore.js';
import type { CertificatesResponse, MessagePath, PublishedCertificate, RegistrationRequest } from './wire-types.js';

export interface EnrolOptions {
  directory: DirectoryClient | HttpOptions;
  /** Folder holding this component's keys, token and certificates (created 0700, files 0600). */
  keystoreDir: string;
  registration: Omit<RegistrationRequest, 'signingCsr' | 'authenticationCsr' | 'encryptionCsr'>;
  /** How long to wait for an administrator's approval; 0 (default) fails at once with PENDING_APPROVAL. */
  approvalTimeoutMs?: number;
  pollIntervalMs?: number;
}

export async function enrolComponent(options: EnrolOptions): Promise<EnrolledComponent> {
  const client = options.directory instanceof DirectoryClient ? options.directory : new DirectoryClient(options.directory);
  const ks = new Keystore(options.keystoreDir);
  const { code, organisation } = options.registration;
  let creds = ks.readCredentials();
  if (creds && creds.code !== code) {
    throw new DirectoryClientError(DirectoryClientErrorCode.Keystore, `keystore ${options.keystoreDir} belongs to ${creds.code}, not ${code}`);
  }
  if (!creds) {
    const signing = await generateKeyAndCsr(code, organisation);
    const auth = await generateKeyAndCsr(code, organisation);
    const encryption = await generateKeyAndCsr(code, organisation);
    const registered = await client.register({ ...options.registration, signingCsr: signing.csrPem, authenticationCsr: auth.csrPem, encryptionCsr: encryption.csrPem });
    // Keys are persisted only with the token that goes with them: a failed registration leaves nothing behind.
    ks.writeKey('signing', signing.privateKey);
    ks.writeKey('authentication', auth.privateKey);
    ks.writeKey('encryption', encryption.privateKey);
    creds = { code, organisation, componentToken: registered.componentToken };
    ks.writeCredentials(creds);
  }
  const enrolled = new EnrolledComponent(client, ks, creds);
  if (!ks.hasKey('encryption')) await enrolled.addEncryptionKey();
  await enrolled.waitForCertificates(options.approvalTimeoutMs ?? 0, options.pollIntervalMs ?? 1_000);
  return enrolled;
}

export class EnrolledComponent {
  private current: { identity: ComponentIdentity; authenticationCertificate: X509Certificate; encryptionCertificate: X509Certificate; ca: X509Certificate } | undefined;

  constructor(
    readonly client: DirectoryClient,
    readonly keystore: Keystore,
    private readonly creds: KeystoreCredentials,
  ) {}

  get code(): string {
    return this.creds.code;
  }

  /** The component's credential for component-side directory calls (and DirectorySync). */
  get componentToken(): string {
    return this.creds.componentToken;
  }

  /** What the messaging layer signs with: the newest valid certificate for the current key. */
  get identity(): ComponentIdentity {
    return this.loaded().identity;
  }

  get authenticationKey(): KeyObject {
    return this.keystore.readKey('authentication');
  }

  get authenticationCertificate(): X509Certificate {
    return this.loaded().authenticationCertificate;
  }

  get caCertificate(): X509Certificate {
    return this.loaded().ca;
  }

  /** The newest valid certificate of the current encryption key (what other components encrypt for). */
  get encryptionCertificate(): X509Certificate {
    return this.loaded().encryptionCertificate;
  }

  /**
   * Makes an encryption key and has the directory certify it (F1/NF3): for a keystore from before
   * payload encryption, which holds signing and authentication keys only. The key is kept only
   * once the directory accepted its CSR, so a failure leaves the keystore as it was.
   */
  async addEncryptionKey(): Promise<void> {
    const encryption = await generateKeyAndCsr(this.code, this.creds.organisation);
    let issued: CertificatesResponse | undefined;
    try {
      issued = await this.client.certifyEncryptionKey(this.code, this.componentToken, { encryptionCsr: encryption.csrPem });
    } catch (err) {
      if ((err as DirectoryClientError).code !== DirectoryClientErrorCode.Unreachable) throw err;
      throw new DirectoryClientError(
        DirectoryClientErrorCode.Keystore,
        `keystore ${this.keystore.dir} has no encryption key (made before payload encryption) and the directory at ${this.client.baseUrl} is unreachable to certify one: start ${this.code} once while the directory is reachable`,
        undefined,
        undefined,
        { cause: err },
      );
    }
    this.keystore.writeKey('encryption', encryption.privateKey);
    if (issued) this.store(issued);
  }
  /** Fetches certificates, waiting up to `timeoutMs` for approval; falls back to the keystore when the directory is unreachable. */
  async waitForCertificates(timeoutMs: number, pollMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        this.store(await this.client.certificates(this.code, this.componentToken));
        return;
      } catch (err) {
        const code = (err as DirectoryClientError).code;
        if (code === DirectoryClientErrorCode.Unreachable && this.keystore.readCertificates()) {
          this.load();
          return;
        }
        if (code !== DirectoryClientErrorCode.PendingApproval || Date.now() + pollMs > deadline) throw err;
        await sleep(pollMs);
      }
    }
  }

  /** Re-reads the certificates from the directory (e.g. after `tps directory renew`). */
  async refresh(): Promise<ComponentIdentity> {
    this.store(await this.client.certificates(this.code, this.componentToken));
    return this.identity;
  }

  /**
   * Renewal with new keys. The old certificates stay published until they expire, so messages
   * signed with the old key and still in flight keep verifying; new messages use the new key at
   * once. The old encryption key is kept in the keystore: documents encrypted for it before the
   * senders' next directory sync still decrypt (`identity.decryptionKeys`). A running endpoint
   * keeps the identity it was built with: restart it (or build it again) after renewing.
   */
  async renew(): Promise<ComponentIdentity> {
    const previousSerial = this.identity.encryptionSerial;
    const signing = await generateKeyAndCsr(this.code, this.creds.organisation);
    const auth = await generateKeyAndCsr(this.code, this.creds.organisation);
    const encryption = await generateKeyAndCsr(this.code, this.creds.organisation);
    const issued = await this.client.renew(this.code, this.componentToken, { signingCsr: signing.csrPem, authenticationCsr: auth.csrPem, encryptionCsr: encryption.csrPem });
    // Certificates first: a crash before the keys are replaced leaves the old key with its still valid certificate.
    this.keystore.writeCertificates({ caCertificate: issued.caCertificate, certificates: issued.certificates });
    this.keystore.archiveKey('encryption', previousSerial);
    this.keystore.writeKey('signing', signing.privateKey);
    this.keystore.writeKey('authentication', auth.privateKey);
    this.keystore.writeKey('encryption', encryption.privateKey);
    this.load();
    return this.identity;
  }

  /** Declares which senders and business types this component accepts as receiver (ECP message paths). */
  setMessagePaths(paths: PathRule[]): Promise<MessagePath[]> {
    return this.client.setMessagePaths(this.code, this.componentToken, paths);
  }

  private store(response: CertificatesResponse): void {
    this.keystore.writeCertificates({ caCertificate: response.caCertificate, certificates: response.certificates });
    this.load();
  }

  private loaded(): NonNullable<EnrolledComponent['current']> {
    if (!this.current) this.load();
    return this.current!;
  }

  private load(): void {
    const stored = this.keystore.readCertificates();
    if (!stored) throw new DirectoryClientError(DirectoryClientErrorCode.Keystore, `no certificates in ${this.keystore.dir}`);
    const ca = new X509Certificate(stored.caCertificate);
    const signingKey = this.keystore.readKey('signing');
    const signingCertificate = this.pick(stored.certificates, 'signing', signingKey, ca);
    const authenticationCertificate = this.pick(stored.certificates, 'authentication', this.keystore.readKey('authentication'), ca);
    const encryptionKey = this.keystore.readKey('encryption');
    const encryptionCertificate = this.pick(stored.certificates, 'encryption', encryptionKey, ca);
    this.current = {
      identity: {
        code: this.code,
        signingKey,
        signingCertificate,
        serial: signingCertificate.serialNumber.toUpperCase(),
        encryptionKey,
        encryptionSerial: encryptionCertificate.serialNumber.toUpperCase(),
        decryptionKeys: this.decryptionKeys(stored.certificates, ca, [encryptionKey, ...this.keystore.readArchivedKeys('encryption')]),
      },
      authenticationCertificate,
      encryptionCertificate,
      ca,
    };
  }

  /**
   * Every valid encryption certificate whose key the keystore still holds, by serial: the current
   * key under each of its certificates (an admin renewal re-certifies it) and older keys within
   * their certificates' validity (renewal overlap).
   */
  private decryptionKeys(certs: PublishedCertificate[], ca: X509Certificate, keys: KeyObject[]): Map<string, KeyObject> {
    const bySpki = new Map(keys.map((k) => [createPublicKey(k).export({ type: 'spki', format: 'der' }).toString('base64'), k]));
    const out = new Map<string, KeyObject>();
    for (const cert of this.valid(certs, 'encryption', ca)) {
      const key = bySpki.get(cert.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
      if (key) out.set(cert.serialNumber.toUpperCase(), key);
    }
    return out;
  }

  /** The newest currently valid certificate of `usage` that certifies this private key and chains to the CA. */
  private pick(certs: PublishedCertificate[], usage: KeyName, key: KeyObject, ca: X509Certificate): X509Certificate {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const candidates = this.valid(certs, usage, ca)
      .filter((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(spki))
      .sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom) || Date.parse(b.validTo) - Date.parse(a.validTo));
    const best = candidates[0];
    if (!best) throw new DirectoryClientError(DirectoryClientErrorCode.Keystore, `no valid ${usage} certificate for the key in ${this.keystore.dir}`);
    return best;
  }

  /** Stored certificates of `usage` that chain to the CA and are valid now. */
  private valid(certs: PublishedCertificate[], usage: KeyName, ca: X509Certificate): X509Certificate[] {
    const now = Date.now();
    return certs
      .filter((c) => c.usage === usage)
      .map((c) => new X509Certificate(c.pem))
      .filter((c) => c.verify(ca.publicKey) && Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo));
  }
}
