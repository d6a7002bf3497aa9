// Components and the market parties they represent.
import type { Knex } from 'knex';
import { fromJson, toJson } from '../../../packages/storage/src/index.js';
import type { ComponentStatus } from '../../../packages/trust/src/index.js';
import type { ComponentEntity } from '../model.js';

type Row = Record<string, unknown>;

export class ComponentRepository {
  async insert(db: Knex, c: ComponentEntity): Promise<void> {
    await db('dir_components').insert({
      code: c.code,
      type: c.type,
      organisation: c.organisation,
      contact: toJson(c.contact),
      inbox: c.inbox,
      status: c.status,
      token_hash: c.tokenHash,
      signing_csr: c.signingCsr,
      authentication_csr: c.authenticationCsr,
      encryption_csr: c.encryptionCsr,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      approved_at: c.approvedAt,
      revoked_at: c.revokedAt,
    });
    if (c.parties.length > 0) {
      await db('dir_parties').insert(c.parties.map((p) => ({ component_code: c.code, party: p.party, role: p.role })));
    }
  }

  async find(db: Knex, code: string): Promise<ComponentEntity | undefined> {
    const row = (await db('dir_components').where({ code }).first()) as Row | undefined;
    if (!row) return undefined;
    const parties = await db('dir_parties').where({ component_code: code }).orderBy('party');
    return toEntity(row, parties as Row[]);
  }

  async list(db: Knex, status?: ComponentStatus): Promise<ComponentEntity[]> {
    const q = db('dir_components').orderBy('code');
    const rows = (await (status ? q.where({ status }) : q)) as Row[];
    const parties = (await db('dir_parties').orderBy('party')) as Row[];
    return rows.map((r) => toEntity(r, parties.filter((p) => p.component_code === r.code)));
  }

  /** Parties among `parties` already represented by a component that is not revoked. */
  async partiesTaken(db: Knex, parties: string[]): Promise<string[]> {
    if (parties.length === 0) return [];
    const rows = (await db('dir_parties')
      .join('dir_components', 'dir_components.code', 'dir_parties.component_code')
      .whereIn('dir_parties.party', parties)
      .whereNot('dir_components.status', 'revoked')
      .select('dir_parties.party')) as Row[];
    return rows.map((r) => String(r.party));
  }

  async update(
    db: Knex,
    code: string,
    fields: Partial<Pick<ComponentEntity, 'status' | 'approvedAt' | 'revokedAt' | 'signingCsr' | 'authenticationCsr' | 'encryptionCsr'>> & { updatedAt: string },
  ): Promise<void> {
    const row: Row = { updated_at: fields.updatedAt };
    if (fields.status !== undefined) row.status = fields.status;
    if (fields.approvedAt !== undefined) row.approved_at = fields.approvedAt;
    if (fields.revokedAt !== undefined) row.revoked_at = fields.revokedAt;
    if (fields.signingCsr !== undefined) row.signing_csr = fields.signingCsr;
    if (fields.authenticationCsr !== undefined) row.authentication_csr = fields.authenticationCsr;
    if (fields.encryptionCsr !== undefined) row.encryption_csr = fields.encryptionCsr;
    await db('dir_components').where({ code }).update(row);
  }
}

function toEntity(r: Row, parties: Row[]): ComponentEntity {
  return {
    code: String(r.code),
    type: r.type as ComponentEntity['type'],
    organisation: String(r.organisation),
    contact: fromJson(r.contact),
    inbox: String(r.inbox),
    status: r.status as ComponentStatus,
    tokenHash: String(r.token_hash),
    signingCsr: String(r.signing_csr),
    authenticationCsr: String(r.authentication_csr),
    encryptionCsr: (r.encryption_csr as string | null | undefined) ?? null,
    parties: parties.map((p) => ({ party: String(p.party), role: p.role as ComponentEntity['parties'][number]['role'] })),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    approvedAt: (r.approved_at as string | null) ?? null,
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}
