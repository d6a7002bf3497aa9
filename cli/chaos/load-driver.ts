// Drives the planned load through the REST facades with `concurrency` closed-loop clients.
// Revisions of one document are sent one after the other (a per-document chain), whatever the
// faults do to the answers. Keeps, per item, how it ended: the run's record of "accepted".
import type { RestClient } from '../../packages/scenarios/src/index.js';
import { limitBody, scheduleBody, type ChaosWorld } from './chaos-world.js';
import { itemKey, type LoadItem } from './load-plan.js';
import { sendWithRetry, type Attempted, type DocumentRequest } from './retrying-request.js';

export interface LoadResult {
  item: LoadItem;
  result: Attempted;
  /** Schedule ID (schedules) or limit ID. */
  documentId: string;
}

export class LoadDriver {
  readonly results: LoadResult[] = [];
  accepted = 0;
  retried = 0;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly world: ChaosWorld,
    private readonly scheduleIds: Map<string, string>,
    private readonly client: (party: string) => RestClient,
  ) {}

  private request(item: LoadItem): { req: DocumentRequest; documentId: string } {
    if (item.kind === 'schedule') {
      const id = this.scheduleIds.get(item.asset.assetId)!;
      const path = `/schedules/${encodeURIComponent(id)}`;
      return { documentId: id, req: { client: this.client(item.asset.operator), method: 'PUT', path, body: scheduleBody(this.world, item.asset, item.revision), readBack: path } };
    }
    const path = `/capacity-limits/foreseen/${encodeURIComponent(item.limit.limitId)}`;
    return { documentId: item.limit.limitId, req: { client: this.client(item.limit.dso), method: 'PUT', path, body: limitBody(this.world, item.limit, item.revision) } };
  }

  async run(items: LoadItem[], concurrency: number, deadline: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length && Date.now() < deadline) {
        const item = items[next++]!;
        const key = itemKey(item);
        // The previous revision of this document must have its answer first (forward-only revisions).
        const before = this.chains.get(key) ?? Promise.resolve();
        const done = before.then(() => this.one(item, deadline));
        this.chains.set(key, done);
        await done;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async one(item: LoadItem, deadline: number): Promise<void> {
    const { req, documentId } = this.request(item);
    const result = await sendWithRetry(req, deadline);
    if (result.outcome === 'accepted') this.accepted++;
    if (result.attempts > 1) this.retried++;
    this.results.push({ item, result, documentId });
  }
}
