// Issued certificates. Nothing is ever deleted: revocation and expiry are recorded, so the
// history of which key spoke for whom stays auditable.
import type { Knex } from 'knex';
import { toSafeInt } from '../../../packages/storage/src/index.js';
import type { CertificateEntity } from '../model.js';

type Row = Record<string, unknown>;

export class CertificateRepository {
  async insert(db: Knex, c: Omit<CertificateEntity, 'seq'>): Promise<void> {
    const max = (await db('dir_certificates').max({ m: 'seq' }).first()) as { m: unknown } | undefined;
    const seq = max?.m == null ? 1 : toSafeInt(max.m) + 1;
    await db('dir_certificates').insert({
      serial: c.serial,
      component_code: c.componentCode,
      usage: c.usage,
      pem: c.pem,
      not_before: c.notBefore,
      not_after: c.notAfter,
      seq,
      revoked_at: c.revokedAt,
    });
  }

  /** Unrevoked certificates valid at `nowIso`, newest first; all components when `code` is omitted. */
  async listValid(db: Knex, nowIso: string, code?: string): Promise<CertificateEntity[]> {
    const q = db('dir_certificates').whereNull('revoked_at').where('not_after', '>', nowIso).where('not_before', '<=', nowIso);
    if (code) q.where({ component_code: code });
    const rows = (await q.orderBy('seq', 'desc')) as Row[];
    return rows.map(toEntity);
  }

  async countFor(db: Knex, code: string): Promise<number> {
    const r = (await db('dir_certificates').where({ component_code: code }).count({ n: '*' }).first()) as { n: unknown } | undefined;
    return toSafeInt(r?.n ?? 0);
  }

  async revokeAll(db: Knex, code: string, atIso: string): Promise<void> {
    await db('dir_certificates').where({ component_code: code }).whereNull('revoked_at').update({ revoked_at: atIso });
  }
}

function toEntity(r: Row): CertificateEntity {
  return {
    serial: String(r.serial),
    componentCode: String(r.component_code),
    usage: r.usage as CertificateEntity['usage'],
    pem: String(r.pem),
    notBefore: String(r.not_before),
    notAfter: String(r.not_after),
    seq: toSafeInt(r.seq),
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}
