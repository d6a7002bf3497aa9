// Message paths, defined by each receiver (ECP style).
import type { Knex } from 'knex';
import type { MessagePath } from '../../../packages/trust/src/index.js';

type Row = Record<string, unknown>;

export class PathRepository {
  /** Replaces all paths of one receiver (a receiver states its whole policy at once). */
  async replace(db: Knex, receiverCode: string, paths: MessagePath[]): Promise<void> {
    await db('dir_paths').where({ receiver_code: receiverCode }).delete();
    if (paths.length === 0) return;
    await db('dir_paths').insert(
      paths.map((p) => ({
        receiver_code: receiverCode,
        sender: p.sender,
        business_type: p.businessType,
        valid_from: p.validFrom ?? null,
        valid_until: p.validUntil ?? null,
      })),
    );
  }

  async list(db: Knex, receiverCode?: string): Promise<MessagePath[]> {
    const q = db('dir_paths').orderBy(['receiver_code', 'id']);
    if (receiverCode) q.where({ receiver_code: receiverCode });
    return ((await q) as Row[]).map((r) => ({
      receiverCode: String(r.receiver_code),
      sender: String(r.sender),
      businessType: String(r.business_type),
      ...(r.valid_from ? { validFrom: String(r.valid_from) } : {}),
      ...(r.valid_until ? { validUntil: String(r.valid_until) } : {}),
    }));
  }
}
