// The content endpoints synchronise, and its version. The version is a hash of the content, so
// it is the same on every replica and changes exactly when something a verifier uses changes
// (including a certificate dropping out at expiry).
import { createHash } from 'node:crypto';
import type { DirectoryContent, RevokedCertificate } from '../../packages/directory-client/src/index.js';
import type { PublishedComponent } from '../../packages/trust/src/index.js';
import type { DirectoryService } from './directory-service.js';

export async function buildDirectoryContent(service: DirectoryService, now: Date = new Date()): Promise<DirectoryContent> {
  const all = await service.components.list(service.db);
  // Pending components are not on the platform yet; revoked ones stay listed so verifiers can say why.
  const published: PublishedComponent[] = all
    .filter((c) => c.status !== 'pending')
    .map((c) => ({ code: c.code, type: c.type, organisation: c.organisation, parties: c.parties, inbox: c.inbox, status: c.status }));
  const approved = new Set(published.filter((c) => c.status === 'approved').map((c) => c.code));
  const certificates = (await service.certificates.listValid(service.db, now.toISOString()))
    .filter((x) => approved.has(x.componentCode))
    .sort((a, b) => a.componentCode.localeCompare(b.componentCode) || b.seq - a.seq)
    .map((x) => ({ componentCode: x.componentCode, serial: x.serial, usage: x.usage, pem: x.pem, notBefore: x.notBefore, notAfter: x.notAfter }));
  const paths = (await service.paths.list(service.db)).filter((p) => approved.has(p.receiverCode));
  const revokedCertificates = await listRevokedSigning(service, now);
  const body = { caCertificate: service.ca.certificatePem, components: published, certificates, paths, revokedCertificates };
  const version = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32);
  return { version, generatedAt: now.toISOString(), ...body };
}

/**
 * Revoked signing certificates that have not expired yet, like CRL entries: after notAfter a
 * certificate is refused as expired anyway, so the list stays bounded. Only serials are
 * published. (Kept here rather than in CertificateRepository, which this change does not touch.)
 */
async function listRevokedSigning(service: DirectoryService, now: Date): Promise<RevokedCertificate[]> {
  const rows = (await service
    .db('dir_certificates')
    .select('component_code', 'serial', 'revoked_at', 'not_after')
    .whereNotNull('revoked_at')
    .where('usage', 'signing')
    .where('not_after', '>', now.toISOString())
    .orderBy('seq', 'asc')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ componentCode: String(r.component_code), serial: String(r.serial), revokedAt: String(r.revoked_at), notAfter: String(r.not_after) }));
}
