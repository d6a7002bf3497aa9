// Read cursors whose moves are written in batches: one multi-row upsert for every client
// answered since the last write, instead of one transaction per answered request (issue 14).
//
// Delivery semantics (F7a "what arrived since the caller last asked"): the caller moves a cursor
// only once its answer has been handed to the socket (`advanceAfterAnswer`), and the move is kept
// in memory until written. So
//  - a client whose answer never left (connection gone, process stopped first) gets the same
//    items again on its next call: at-least-once, never skipped; clients dedupe by `seq`;
//  - the client's next call on this process sees the moved cursor at once (memory first);
//  - a crash or another replica can see the old position for one write interval (≈ one event
//    loop turn plus one upsert): the client then gets those items once more, nothing is lost.
// Cursors only move forward, in memory and in the upsert alike.
// Reads are batched too (cursor-reads.ts): the positions asked for in one event-loop turn are one
// query; the moves in memory are still taken into account (read-your-writes).
import type { Response } from 'express';
import type { Knex } from 'knex';
import type { Database } from '../../storage/src/index.js';
import { BatchedCursorReads } from './cursor-reads.js';

type Id = string;
interface Move {
  tokenId: number;
  client: string;
  stream: string;
  position: number;
}

/** Rows per INSERT: 4 parameters each stays far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 500;
const RETRY_MS = 1_000;

export class BufferedCursors {
  /** Moves not yet handed to the database. */
  private pending = new Map<Id, Move>();
  /** Moves of the write in progress (still authoritative until it commits). */
  private writing = new Map<Id, Move>();
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;
  private readonly reads: BatchedCursorReads;

  constructor(
    private readonly db: Database,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.reads = new BatchedCursorReads(db);
  }

  async position(tokenId: number, client: string, stream: string): Promise<number> {
    const id = key(tokenId, client, stream);
    // Memory before and after the read: a move written (and dropped from memory) while the read
    // was in flight is still counted, whichever of the two the read saw.
    const before = this.inMemory(id);
    const stored = await this.reads.stored(tokenId, client, stream);
    return Math.max(stored, before, this.inMemory(id));
  }

  private inMemory(id: Id): number {
    return Math.max(this.pending.get(id)?.position ?? 0, this.writing.get(id)?.position ?? 0);
  }

  /** Moves the cursor once `res` has been handed to the socket; a dropped answer moves nothing. */
  advanceAfterAnswer(res: Response, tokenId: number, client: string, stream: string, position: number): void {
    res.once('finish', () => this.advance(tokenId, client, stream, position));
  }

  /** Queues a forward move; the next write (this or the next event-loop turn) stores it. */
  advance(tokenId: number, client: string, stream: string, position: number): void {
    const id = key(tokenId, client, stream);
    const known = this.pending.get(id);
    if (known && known.position >= position) return;
    this.pending.set(id, { tokenId, client, stream, position });
    this.schedule(0);
  }

  /** Writes what is queued, then stops retrying failed writes (the database closes next). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  /** Writes everything queued so far (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size > 0) await this.write();
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      // A write in progress takes the next batch when it ends: batches grow with the load.
      if (!this.flushing && this.pending.size > 0) void this.write();
    };
    if (delayMs > 0) setTimeout(run, delayMs).unref();
    else setImmediate(run);
  }

  /** Only ever one at a time (callers check `flushing` synchronously first). */
  private async write(): Promise<void> {
    this.writing = this.pending;
    this.pending = new Map();
    const moves = [...this.writing.values()];
    this.flushing = (async () => {
      try {
        await this.db.transaction(async (trx) => {
          for (let i = 0; i < moves.length; i += ROWS_PER_STATEMENT) await upsertForward(trx, moves.slice(i, i + ROWS_PER_STATEMENT));
        });
        this.writing = new Map();
      } catch (err) {
        // Keep them: the positions stay authoritative in memory and are written on the retry.
        for (const [id, m] of this.writing) if ((this.pending.get(id)?.position ?? -1) < m.position) this.pending.set(id, m);
        this.writing = new Map();
        this.onError(err);
        if (!this.closed) this.schedule(RETRY_MS);
      }
    })();
    await this.flushing;
    this.flushing = undefined;
    if (this.pending.size > 0) this.schedule(0);
  }
}

function key(tokenId: number, client: string, stream: string): Id {
  return `${tokenId}|${stream}|${client}`;
}

/** One statement for many cursors; an existing row only ever moves forward. */
async function upsertForward(trx: Knex.Transaction, moves: Move[]): Promise<void> {
  await trx('read_cursors')
    .insert(moves.map((m) => ({ token_id: m.tokenId, client: m.client, stream: m.stream, position: m.position })))
    .onConflict(['token_id', 'client', 'stream'])
    .merge(['position'])
    .where('read_cursors.position', '<', trx.raw('excluded.position'));
}
