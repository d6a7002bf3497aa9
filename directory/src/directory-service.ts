// The directory's decisions (F1): registration, approval, issuing, renewal, revocation, paths.
// Every check happens before the transaction that stores, so a refused request stores nothing.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { HttpProblem } from '../../packages/http/src/index.js';
import type { MessagePath } from '../../packages/trust/src/index.js';
import type { CertificatesResponse, PathRule, RegistrationRequest, ServerCertificateRequest, ServerCertificateResponse } from '../../packages/directory-client/src/index.js';
import { newComponentToken, sha256Hex } from './auth.js';
import type { CertificateAuthority } from './ca/certificate-authority.js';
import { parseCsr, parseCsrKey, publicKeyDer, type ParsedCsr } from './ca/csr.js';
import type { DirectoryConfig } from './directory-config.js';
import type { CertificateUsage, ComponentEntity } from './model.js';
import { SERVER_CERTIFICATE_LIMITS } from './schemas.js';
import { CertificateRepository } from './storage/certificate.repository.js';
import { ComponentRepository } from './storage/component.repository.js';
import { PathRepository } from './storage/path.repository.js';

export class DirectoryService {
  readonly components = new ComponentRepository();
  readonly certificates = new CertificateRepository();
  readonly paths = new PathRepository();

  constructor(
    readonly db: Knex,
    readonly ca: CertificateAuthority,
    private readonly config: DirectoryConfig,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async register(req: RegistrationRequest): Promise<{ component: ComponentEntity; componentToken: string }> {
    const signing = await parseCsr(req.signingCsr, 'signingCsr', req.code);
    const auth = await parseCsr(req.authenticationCsr, 'authenticationCsr', req.code);
    const enc = req.encryptionCsr === undefined ? undefined : await parseCsr(req.encryptionCsr, 'encryptionCsr', req.code);
    distinctKeys({ signingCsr: signing, authenticationCsr: auth, encryptionCsr: enc });
    const token = newComponentToken(req.code);
    const at = this.now().toISOString();
    const entity: ComponentEntity = {
      code: req.code,
      type: req.type,
      organisation: req.organisation,
      contact: req.contact,
      inbox: req.inbox ?? `tps.inbox.${req.code}`,
      status: this.config.autoApprove ? 'approved' : 'pending',
      tokenHash: sha256Hex(token),
      signingCsr: req.signingCsr,
      authenticationCsr: req.authenticationCsr,
      encryptionCsr: req.encryptionCsr ?? null,
      parties: req.parties,
      createdAt: at,
      updatedAt: at,
      approvedAt: this.config.autoApprove ? at : null,
      revokedAt: null,
    };
    try {
      await this.db.transaction(async (trx) => {
        if (await this.components.find(trx, req.code)) throw HttpProblem.conflict(`component ${req.code} is already registered`);
        const taken = await this.components.partiesTaken(trx, req.parties.map((p) => p.party));
        if (taken.length > 0) throw HttpProblem.conflict(`parties already represented by another component: ${taken.join(', ')}`, { parties: taken });
        await this.components.insert(trx, entity);
        if (this.config.autoApprove) await this.issueAll(trx, entity, signing, auth, enc);
      });
    } catch (err) {
      // Two registrations racing for one code: the primary key decides, the loser gets 409.
      if (!(err instanceof HttpProblem) && /unique|duplicate key/i.test(String(err))) throw HttpProblem.conflict(`component ${req.code} is already registered`);
      throw err;
    }
    this.logger.info({ audit: 'directory.register', code: req.code, status: entity.status }, 'component registered');
    return { component: entity, componentToken: token };
  }

  async approve(code: string): Promise<ComponentEntity> {
    const c = await this.mustFind(code);
    if (c.status !== 'pending') throw HttpProblem.conflict(`component ${code} is ${c.status}, not pending`);
    const [signing, auth, enc] = await this.storedCsrs(c);
    const at = this.now().toISOString();
    await this.db.transaction(async (trx) => {
      await this.components.update(trx, code, { status: 'approved', approvedAt: at, updatedAt: at });
      await this.issueAll(trx, c, signing, auth, enc);
    });
    this.logger.info({ audit: 'directory.approve', code }, 'component approved; certificates issued');
    return this.mustFind(code);
  }

  /** Admin renewal: new certificates for the component's current public keys (no re-keying needed). */
  async renewByAdmin(code: string): Promise<ComponentEntity> {
    const c = await this.mustFind(code);
    if (c.status !== 'approved') throw HttpProblem.conflict(`component ${code} is ${c.status}; only approved components are renewed`);
    const [signing, auth, enc] = await this.storedCsrs(c);
    await this.db.transaction((trx) => this.issueAll(trx, c, signing, auth, enc));
    this.logger.info({ audit: 'directory.renew', code, by: 'admin' }, 'certificates renewed');
    return c;
  }

  /** Component renewal with new keys. Old certificates stay published until they expire (overlap). */
  async renewByComponent(c: ComponentEntity, signingCsr: string, authenticationCsr?: string, encryptionCsr?: string): Promise<void> {
    const signing = await parseCsr(signingCsr, 'signingCsr', c.code);
    const auth = authenticationCsr === undefined ? undefined : await parseCsr(authenticationCsr, 'authenticationCsr', c.code);
    const enc = encryptionCsr === undefined ? undefined : await parseCsr(encryptionCsr, 'encryptionCsr', c.code);
    distinctKeys({ signingCsr: signing, authenticationCsr: auth, encryptionCsr: enc });
    const at = this.now().toISOString();
    await this.db.transaction(async (trx) => {
      await this.components.update(trx, c.code, { signingCsr, ...(authenticationCsr ? { authenticationCsr } : {}), ...(encryptionCsr ? { encryptionCsr } : {}), updatedAt: at });
      await this.issue(trx, c, signing, 'signing');
      if (auth) await this.issue(trx, c, auth, 'authentication');
      if (enc) await this.issue(trx, c, enc, 'encryption');
    });
    this.logger.info({ audit: 'directory.renew', code: c.code, by: 'component' }, 'certificates renewed with new keys');
  }

  /**
   * A component certifies a new encryption key (F1/NF3), e.g. one made for a keystore from before
   * payload encryption. Approved: issued at once (true). Pending: kept and issued at approval
   * (false). The key must differ from the signing and authentication keys.
   */
  async certifyEncryptionKey(c: ComponentEntity, encryptionCsr: string): Promise<boolean> {
    if (c.status === 'revoked') throw HttpProblem.forbidden(`component ${c.code} is revoked`);
    const enc = await parseCsr(encryptionCsr, 'encryptionCsr', c.code);
    const [signing, auth] = await this.storedCsrs(c);
    distinctKeys({ signingCsr: signing, authenticationCsr: auth, encryptionCsr: enc });
    const at = this.now().toISOString();
    await this.db.transaction(async (trx) => {
      await this.components.update(trx, c.code, { encryptionCsr, updatedAt: at });
      if (c.status === 'approved') await this.issue(trx, c, enc, 'encryption');
    });
    this.logger.info({ audit: 'directory.encryption-key', code: c.code, issued: c.status === 'approved' }, 'encryption key submitted');
    return c.status === 'approved';
  }

  async revoke(code: string): Promise<ComponentEntity> {
    const c = await this.mustFind(code);
    if (c.status === 'revoked') throw HttpProblem.conflict(`component ${code} is already revoked`);
    const at = this.now().toISOString();
    await this.db.transaction(async (trx) => {
      await this.components.update(trx, code, { status: 'revoked', revokedAt: at, updatedAt: at });
      await this.certificates.revokeAll(trx, code, at);
    });
    this.logger.warn({ audit: 'directory.revoke', code }, 'component revoked with all its certificates');
    return this.mustFind(code);
  }

  /**
   * Admin: a TLS server certificate for RabbitMQ or a separately deployed component (issue 13).
   * Not stored with the components' certificates (it names hosts, not a component, and is never
   * published to endpoints); the audit log line keeps serial, names and expiry.
   */
  async issueServerCertificate(req: ServerCertificateRequest): Promise<ServerCertificateResponse> {
    const csr = await parseCsrKey(req.csr, 'csr');
    const days = req.days ?? SERVER_CERTIFICATE_LIMITS.defaultDays;
    const hosts = req.hosts.map((h) => h.toLowerCase());
    const cert = await this.ca.certifyServerKey(csr, hosts, req.clientAuth === true, days * 86_400, this.now());
    this.logger.info({ audit: 'directory.server-certificate', serial: cert.serial, hosts, clientAuth: req.clientAuth === true, notAfter: cert.notAfter }, 'server certificate issued');
    return { certificatePem: cert.pem, caPem: this.ca.certificatePem, serial: cert.serial, notAfter: cert.notAfter };
  }

  async certificatesOf(c: ComponentEntity): Promise<CertificatesResponse> {
    const certs = await this.certificates.listValid(this.db, this.now().toISOString(), c.code);
    return {
      code: c.code,
      status: c.status,
      caCertificate: this.ca.certificatePem,
      certificates: certs.map((x) => ({ componentCode: x.componentCode, serial: x.serial, usage: x.usage, pem: x.pem, notBefore: x.notBefore, notAfter: x.notAfter })),
    };
  }

  async setPaths(receiverCode: string, rules: PathRule[]): Promise<MessagePath[]> {
    const paths: MessagePath[] = rules.map((r) => ({ ...r, receiverCode }));
    await this.db.transaction((trx) => this.paths.replace(trx, receiverCode, paths));
    this.logger.info({ audit: 'directory.paths', code: receiverCode, count: paths.length }, 'message paths replaced');
    return this.paths.list(this.db, receiverCode);
  }

  async mustFind(code: string): Promise<ComponentEntity> {
    const c = await this.components.find(this.db, code);
    if (!c) throw HttpProblem.notFound(`no component ${code}`);
    return c;
  }

  /** The component's latest CSRs; no encryption CSR for a component registered before encryption. */
  private async storedCsrs(c: ComponentEntity): Promise<[ParsedCsr, ParsedCsr, ParsedCsr | undefined]> {
    return [
      await parseCsr(c.signingCsr, 'signingCsr', c.code),
      await parseCsr(c.authenticationCsr, 'authenticationCsr', c.code),
      c.encryptionCsr === null ? undefined : await parseCsr(c.encryptionCsr, 'encryptionCsr', c.code),
    ];
  }

  private async issueAll(trx: Knex, c: ComponentEntity, signing: ParsedCsr, auth: ParsedCsr, enc: ParsedCsr | undefined): Promise<void> {
    await this.issue(trx, c, signing, 'signing');
    await this.issue(trx, c, auth, 'authentication');
    if (enc) await this.issue(trx, c, enc, 'encryption');
  }

  private async issue(trx: Knex, c: ComponentEntity, csr: ParsedCsr, usage: CertificateUsage): Promise<void> {
    const cert = await this.ca.issue(csr, c.code, c.organisation, usage, this.config.certificateValiditySeconds, this.now());
    await this.certificates.insert(trx, { ...cert, componentCode: c.code, usage, revokedAt: null });
  }
}

/** One key per usage: a key that signs must not also agree keys or authenticate TLS (400 otherwise). */
function distinctKeys(csrs: Record<'signingCsr' | 'authenticationCsr' | 'encryptionCsr', ParsedCsr | undefined>): void {
  const seen = new Map<string, string>();
  for (const [field, csr] of Object.entries(csrs)) {
    if (!csr) continue;
    const der = publicKeyDer(csr).toString('base64');
    const other = seen.get(der);
    if (other) throw HttpProblem.badRequest(`${other} and ${field} must use different keys`, [{ field, message: `same key as ${other}` }]);
    seen.set(der, field);
  }
}
