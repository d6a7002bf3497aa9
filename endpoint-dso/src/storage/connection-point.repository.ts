// The connection points a DSO registered (F4c). A point stays 'pending' until the core
// acknowledges its registration document, then becomes 'registered' or 'rejected'.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson } from '../../../packages/storage/src/index.js';
import type { AckReason } from './sent-document.repository.js';

export type ConnectionPointState = 'pending' | 'registered' | 'rejected';

export interface ConnectionPoint {
  connectionPoint: string;
  state: ConnectionPointState;
  /** The registration document that last touched this point (its messageId is on the document). */
  documentMrid: string;
  reasons: AckReason[];
  updatedAt: string;
}

type Db = Database | Knex.Transaction;

function toPoint(r: Record<string, unknown>): ConnectionPoint {
  return {
    connectionPoint: String(r.connection_point),
    state: r.state as ConnectionPointState,
    documentMrid: String(r.document_mrid),
    reasons: r.reasons ? fromJson<AckReason[]>(r.reasons) : [],
    updatedAt: String(r.updated_at),
  };
}

export class ConnectionPointRepository {
  async list(db: Db, dso: string): Promise<ConnectionPoint[]> {
    return (await db('dso_connection_points').where({ dso }).orderBy('connection_point')).map(toPoint);
  }

  /** These points of this DSO (unknown ones are left out); in pieces below the bound-parameter limit. */
  async findMany(db: Db, dso: string, points: readonly string[]): Promise<ConnectionPoint[]> {
    const out: ConnectionPoint[] = [];
    for (let i = 0; i < points.length; i += 500) {
      out.push(...(await db('dso_connection_points').where({ dso }).whereIn('connection_point', points.slice(i, i + 500))).map(toPoint));
    }
    return out;
  }

  async get(db: Db, dso: string, connectionPoint: string): Promise<ConnectionPoint | undefined> {
    const row = await db('dso_connection_points').where({ dso, connection_point: connectionPoint }).first();
    return row ? toPoint(row) : undefined;
  }

  /** Which of these points another DSO served by this endpoint already holds. */
  async heldByOthers(db: Db, dso: string, points: string[]): Promise<string[]> {
    if (points.length === 0) return [];
    const rows = await db('dso_connection_points').whereIn('connection_point', points).whereNot({ dso }).select('connection_point');
    return rows.map((r) => String(r.connection_point)).sort();
  }

  async upsertPending(trx: Knex.Transaction, dso: string, points: string[], documentMrid: string, at: string): Promise<void> {
    for (const cp of points) {
      await trx('dso_connection_points')
        .insert({ connection_point: cp, dso, state: 'pending', document_mrid: documentMrid, reasons: null, updated_at: at })
        .onConflict('connection_point')
        .merge({ state: 'pending', document_mrid: documentMrid, reasons: null, updated_at: at });
    }
  }

  async remove(trx: Knex.Transaction, dso: string, points: string[]): Promise<void> {
    if (points.length > 0) await trx('dso_connection_points').where({ dso }).whereIn('connection_point', points).delete();
  }

  /** The core's answer to a registration document: settles the points it added. */
  async settle(trx: Knex.Transaction, dso: string, documentMrid: string, accepted: boolean, reasons: AckReason[], at: string): Promise<void> {
    await trx('dso_connection_points')
      .where({ dso, document_mrid: documentMrid, state: 'pending' })
      .update({ state: accepted ? 'registered' : 'rejected', reasons: accepted ? null : toJson(reasons), updated_at: at });
  }
}
