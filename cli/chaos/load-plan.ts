// The load as a list of document revisions, decided before the run: every item names its
// document (schedule of an asset, or a DSO limit) and the revision it must become. Revisions of
// one document are spread across the list (round-robin), so they are never in flight together.
import type { ChaosWorld, WorldAsset, WorldLimit } from './chaos-world.js';

export type LoadItem = { kind: 'schedule'; asset: WorldAsset; revision: number } | { kind: 'limit'; limit: WorldLimit; revision: number };

/** Highest revision a load may reach: both facades stop at 999; headroom for retries is not needed (same revision). */
export const MAX_LOAD_REVISION = 900;

/** How many schedules and limits the world needs so that no document passes MAX_LOAD_REVISION. */
export function worldSize(messages: number, limitEvery: number, concurrency: number): { schedules: number; limits: number } {
  const limitDocs = limitEvery > 0 ? Math.floor(messages / limitEvery) : 0;
  const scheduleDocs = messages - limitDocs;
  return {
    schedules: Math.max(2 * concurrency, Math.ceil(scheduleDocs / (MAX_LOAD_REVISION - 1))),
    limits: Math.max(4, Math.ceil(limitDocs / (MAX_LOAD_REVISION - 1))),
  };
}

export function loadPlan(world: ChaosWorld, messages: number, limitEvery: number): LoadItem[] {
  const items: LoadItem[] = [];
  const next = new Map<string, number>();
  const bump = (key: string) => {
    const r = (next.get(key) ?? 1) + 1;
    next.set(key, r);
    return r;
  };
  let s = 0;
  let l = 0;
  for (let i = 0; i < messages; i++) {
    if (limitEvery > 0 && i % limitEvery === limitEvery - 1 && world.limits.length > 0) {
      const limit = world.limits[l++ % world.limits.length]!;
      items.push({ kind: 'limit', limit, revision: bump(`L ${limit.dso} ${limit.limitId}`) });
    } else {
      const asset = world.assets[s++ % world.assets.length]!;
      items.push({ kind: 'schedule', asset, revision: bump(`S ${asset.assetId}`) });
    }
  }
  return items;
}

export function itemKey(item: LoadItem): string {
  return item.kind === 'schedule' ? `S ${item.asset.assetId}` : `L ${item.limit.dso} ${item.limit.limitId}`;
}
