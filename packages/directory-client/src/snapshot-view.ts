// A DirectoryView answering from one downloaded DirectoryContent. Built once per content
// version; every look-up is a Map access, because verification sits on the message hot path.
// Certificates that do not chain to the pinned CA are dropped here, so a tampered directory
// download cannot introduce a key (defence in depth on top of TLS).
import { X509Certificate } from 'node:crypto';
import type { CertificateStatus, DirectoryView, MessagePath, PublishedComponent } from '../../trust/src/index.js';
import { pathMatches } from './path-match.js';
import type { DirectoryContent } from './wire-types.js';

interface CertEntry {
  serial: string;
  cert: X509Certificate;
  notBefore: number;
  notAfter: number;
}

export class SnapshotView implements DirectoryView {
  readonly version: string;
  /** Certificates left out because they do not chain to the CA (logged by the caller). */
  readonly rejectedCertificates: string[] = [];
  private readonly components = new Map<string, PublishedComponent>();
  private readonly byParty = new Map<string, PublishedComponent>();
  private readonly signing = new Map<string, CertEntry[]>();
  /** Newest first: senders encrypt for the first valid one. */
  private readonly encryption = new Map<string, CertEntry[]>();
  private readonly paths = new Map<string, MessagePath[]>();
  /** `code|SERIAL` of published revoked signing certificates. */
  private readonly revoked = new Set<string>();

  constructor(
    readonly content: DirectoryContent,
    ca: X509Certificate,
  ) {
    this.version = content.version;
    for (const c of content.components) {
      this.components.set(c.code, c);
      if (c.status !== 'approved') continue;
      for (const p of c.parties) this.byParty.set(p.party, c);
    }
    for (const pc of content.certificates) {
      if (pc.usage === 'authentication' || this.components.get(pc.componentCode)?.status !== 'approved') continue;
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(pc.pem);
      } catch {
        this.rejectedCertificates.push(pc.serial);
        continue;
      }
      if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey) || !subjectNames(cert, pc.componentCode)) {
        this.rejectedCertificates.push(pc.serial);
        continue;
      }
      const byUsage = pc.usage === 'signing' ? this.signing : this.encryption;
      const list = byUsage.get(pc.componentCode) ?? [];
      list.push({ serial: cert.serialNumber.toUpperCase(), cert, notBefore: Date.parse(cert.validFrom), notAfter: Date.parse(cert.validTo) });
      byUsage.set(pc.componentCode, list);
    }
    for (const list of this.encryption.values()) list.sort((a, b) => b.notBefore - a.notBefore);
    for (const r of content.revokedCertificates ?? []) this.revoked.add(`${r.componentCode}|${r.serial.toUpperCase()}`);
    for (const p of content.paths) {
      const list = this.paths.get(p.receiverCode) ?? [];
      list.push(p);
      this.paths.set(p.receiverCode, list);
    }
  }

  component(code: string): PublishedComponent | undefined {
    return this.components.get(code);
  }

  componentForParty(party: string): PublishedComponent | undefined {
    return this.byParty.get(party);
  }

  signingCertificates(componentCode: string, at: Date = new Date()): X509Certificate[] {
    const t = at.getTime();
    return (this.signing.get(componentCode) ?? []).filter((e) => e.notBefore <= t && t <= e.notAfter).map((e) => e.cert);
  }

  signingCertificate(componentCode: string, serial: string, at: Date = new Date()): X509Certificate | undefined {
    const t = at.getTime();
    const wanted = serial.toUpperCase();
    return (this.signing.get(componentCode) ?? []).find((e) => e.serial === wanted && e.notBefore <= t && t <= e.notAfter)?.cert;
  }

  encryptionCertificates(componentCode: string, at: Date = new Date()): X509Certificate[] {
    const t = at.getTime();
    return (this.encryption.get(componentCode) ?? []).filter((e) => e.notBefore <= t && t <= e.notAfter).map((e) => e.cert);
  }

  /**
   * Why a signing certificate is (not) usable at `at` (F1: SIGNER_REVOKED vs SIGNER_EXPIRED vs
   * SIGNER_UNKNOWN). Revocation wins over everything: a revoked component's certificates, and
   * serials the directory lists as revoked. A certificate this content never held is 'unknown'.
   */
  certificateStatus(componentCode: string, serial: string, at: Date = new Date()): CertificateStatus {
    const wanted = serial.toUpperCase();
    if (this.components.get(componentCode)?.status === 'revoked' || this.revoked.has(`${componentCode}|${wanted}`)) return 'revoked';
    const entry = (this.signing.get(componentCode) ?? []).find((e) => e.serial === wanted);
    if (!entry) return 'unknown';
    const t = at.getTime();
    if (t < entry.notBefore) return 'not-yet-valid';
    if (t > entry.notAfter) return 'expired';
    return 'valid';
  }

  isPathAllowed(receiverCode: string, senderCode: string, businessType: string, at: Date = new Date()): boolean {
    // A receiver that is not approved accepts nothing, whatever paths it once defined.
    if (this.components.get(receiverCode)?.status !== 'approved') return false;
    return (this.paths.get(receiverCode) ?? []).some((p) => pathMatches(p, receiverCode, senderCode, businessType, at));
  }
}

/** The certificate must name the component it is published for (CN = code). */
function subjectNames(cert: X509Certificate, code: string): boolean {
  return cert.subject.split('\n').some((line) => line === `CN=${code}`);
}
