// What the core last sent to one receiver on behalf of one origin document (a DSO limit, an
// AGR/BRP schedule): its own mRID, revision and content, so updates go to the same receivers and
// a receiver no longer concerned gets a cancellation.
import type { Knex } from 'knex';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';

export interface ForwardKey {
  originKind: string;
  originSender: string;
  originMrid: string;
}

export interface Forward<C> {
  receiver: string;
  outMrid: string;
  revision: number;
  content: C;
  cancelled: boolean;
}

export class ForwardRepository {
  constructor(private readonly db: Knex) {}

  async ofOrigin<C>(key: ForwardKey): Promise<Forward<C>[]> {
    const rows = await this.db('core_forwards')
      .where({ origin_kind: key.originKind, origin_sender: key.originSender, origin_mrid: key.originMrid })
      .orderBy('receiver');
    return rows.map((r) => ({
      receiver: r.receiver,
      outMrid: r.out_mrid,
      revision: toSafeInt(r.revision),
      content: fromJson<C>(r.content),
      cancelled: Boolean(r.cancelled),
    }));
  }

  async save<C>(key: ForwardKey, forward: Forward<C>, at: string): Promise<void> {
    await this.db('core_forwards')
      .insert({
        origin_kind: key.originKind,
        origin_sender: key.originSender,
        origin_mrid: key.originMrid,
        receiver: forward.receiver,
        out_mrid: forward.outMrid,
        revision: forward.revision,
        content: toJson(forward.content),
        cancelled: forward.cancelled,
        updated_at: at,
      })
      .onConflict(['origin_kind', 'origin_sender', 'origin_mrid', 'receiver'])
      .merge();
  }
}
