// Stored read-cursor positions, read in batches: every position asked for in one event-loop turn
// is read by one `token_id = ? AND stream = ? AND client IN (…)` query per token and stream
// (issue 14: 10,000 long-poll arrivals were 10,000 serialised cursor queries on one connection).
// A caller waits at most one turn longer; each gets its own row (0 when it has none).
import type { Database } from '../../storage/src/index.js';
import { toSafeInt } from '../../storage/src/index.js';

/** Clients per query: with token and stream far below SQLite's (999) and PostgreSQL's limits. */
const CLIENTS_PER_QUERY = 500;

interface Caller {
  resolve: (position: number) => void;
  reject: (err: unknown) => void;
}
/** The callers of one token and stream, per client (two asking for one client share its row). */
interface Group {
  tokenId: number;
  stream: string;
  clients: Map<string, Caller[]>;
}

export class BatchedCursorReads {
  private queued = new Map<string, Group>();
  private scheduled = false;

  constructor(private readonly db: Database) {}

  /** The stored position of this cursor, read with the other positions asked for this turn. */
  stored(tokenId: number, client: string, stream: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const id = `${tokenId}|${stream}`;
      let group = this.queued.get(id);
      if (!group) this.queued.set(id, (group = { tokenId, stream, clients: new Map() }));
      const callers = group.clients.get(client);
      if (callers) callers.push({ resolve, reject });
      else group.clients.set(client, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.readQueued());
      }
    });
  }

  private readQueued(): void {
    this.scheduled = false;
    const groups = this.queued;
    this.queued = new Map();
    for (const group of groups.values()) {
      const clients = [...group.clients.keys()];
      for (let i = 0; i < clients.length; i += CLIENTS_PER_QUERY) void this.read(group, clients.slice(i, i + CLIENTS_PER_QUERY));
    }
  }

  /** One query; a failure rejects exactly the callers whose clients it was reading. */
  private async read(group: Group, clients: string[]): Promise<void> {
    let found: Map<string, number>;
    try {
      const rows: Array<{ client: string; position: unknown }> = await this.db('read_cursors')
        .select('client', 'position')
        .where({ token_id: group.tokenId, stream: group.stream })
        .whereIn('client', clients);
      found = new Map(rows.map((r) => [r.client, toSafeInt(r.position)]));
    } catch (err) {
      for (const c of clients) for (const caller of group.clients.get(c)!) caller.reject(err);
      return;
    }
    for (const c of clients) for (const caller of group.clients.get(c)!) caller.resolve(found.get(c) ?? 0);
  }
}
