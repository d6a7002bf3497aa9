// Per-DSO, per-stream change numbers for "what changed since this caller last asked" (F5b, F9b).
import type { Knex } from 'knex';
import { toSafeInt } from '../../../packages/storage/src/index.js';

export type SequenceStream = 'assets' | 'schedules';

/**
 * The next number of a stream, taken inside the writer's transaction. The upsert locks the
 * counter row until commit (PostgreSQL), so numbers commit in order: a reader that saw n+1 can
 * never later find an n committed behind it.
 */
export async function nextSequence(trx: Knex.Transaction, dso: string, stream: SequenceStream): Promise<number> {
  return reserveSequence(trx, dso, stream, 1);
}

/**
 * Takes `count` (≥ 1) consecutive numbers in one statement; returns the last. The numbers are
 * last - count + 1 … last, with the same commit-order guarantee as nextSequence.
 */
export async function reserveSequence(trx: Knex.Transaction, dso: string, stream: SequenceStream, count: number): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`cannot reserve ${count} sequence numbers`);
  const rows: Array<{ value: unknown }> = await trx('dso_sequences')
    .insert({ dso, stream, value: count })
    .onConflict(['dso', 'stream'])
    .merge({ value: trx.raw('?? + ?', ['dso_sequences.value', count]) })
    .returning('value');
  return toSafeInt(rows[0]!.value);
}
