// Revisions only move forward (per sender, kind, mRID): the last accepted revision and a hash of
// its content, so a resend of the same revision is recognised as "already received".
import type { Knex } from 'knex';
import { toSafeInt } from '../../../packages/storage/src/index.js';

export interface ReceivedRevision {
  revision: number;
  contentHash: string;
}

export class ReceivedRepository {
  constructor(private readonly db: Knex) {}

  async find(sender: string, kind: string, mrid: string): Promise<ReceivedRevision | undefined> {
    const row = await this.db('core_received_documents').where({ sender, kind, mrid }).first();
    return row ? { revision: toSafeInt(row.revision), contentHash: row.content_hash } : undefined;
  }

  async record(sender: string, kind: string, mrid: string, revision: number, contentHash: string, messageId: string, at: string): Promise<void> {
    await this.db('core_received_documents')
      .insert({ sender, kind, mrid, revision, content_hash: contentHash, message_id: messageId, received_at: at })
      .onConflict(['sender', 'kind', 'mrid'])
      .merge();
  }
}
