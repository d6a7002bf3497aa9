// "What arrived since this caller last asked": one position per token, client and stream.
// Positions are the monotonically increasing sequence numbers of the stored items.
import type { Database } from '../../storage/src/index.js';
import { toSafeInt } from '../../storage/src/index.js';

export class CursorRepository {
  constructor(private readonly db: Database) {}

  async position(tokenId: number, client: string, stream: string): Promise<number> {
    const row = await this.db('read_cursors').where({ token_id: tokenId, client, stream }).first();
    return row ? toSafeInt(row.position) : 0;
  }

  /** Moves the cursor forward only; a stale writer can never move it back. */
  async advance(tokenId: number, client: string, stream: string, position: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx('read_cursors').where({ token_id: tokenId, client, stream }).first();
      if (!row) await trx('read_cursors').insert({ token_id: tokenId, client, stream, position });
      else if (toSafeInt(row.position) < position) {
        await trx('read_cursors').where({ token_id: tokenId, client, stream }).update({ position });
      }
    });
  }
}
