// Reference implementations for the property tests: deliberately naive (sort-based, BigInt
// everywhere, no typed arrays, no bucketing) so they share no code and no trick with the fast
// implementation they check. Semantics follow docs/fairness.md.

import type { AssetInput, SplitMetrics } from '../types.js';

export interface RefMember {
  readonly id: string;
  readonly weight: bigint;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Largest remainder: ⌊w·R/W⌋ each, then target − Σ floors watts by (remainder↓, weight↓, id↑). */
export function refApportion(members: readonly RefMember[], R: bigint, W: bigint, target: bigint): Map<string, bigint> {
  const rows = members.map((m) => ({ id: m.id, weight: m.weight, q: (m.weight * R) / W, r: (m.weight * R) % W }));
  let left = target - rows.reduce((s, x) => s + x.q, 0n);
  rows.sort((a, b) => (a.r !== b.r ? (a.r > b.r ? -1 : 1) : a.weight !== b.weight ? (a.weight > b.weight ? -1 : 1) : byId(a.id, b.id)));
  const out = new Map<string, bigint>();
  for (const row of rows) {
    out.set(row.id, row.q + (left > 0n ? 1n : 0n));
    left -= 1n;
  }
  return out;
}

export interface RefAsset {
  readonly id: string;
  readonly cap: bigint;
  readonly weight: bigint;
}

/** Classic sort-based progressive filling: fill by ascending cap/weight while the asset saturates. */
export function refWaterfill(assets: readonly RefAsset[], L: bigint): Map<string, bigint> {
  const out = new Map<string, bigint>(assets.map((a) => [a.id, 0n]));
  const live = assets.filter((a) => a.cap > 0n);
  const sumCaps = live.reduce((s, a) => s + a.cap, 0n);
  if (sumCaps <= L) {
    for (const a of live) out.set(a.id, a.cap);
    return out;
  }
  live.sort((a, b) => {
    const x = a.cap * b.weight;
    const y = b.cap * a.weight;
    return x < y ? -1 : x > y ? 1 : byId(a.id, b.id);
  });
  let R = L;
  let W = live.reduce((s, a) => s + a.weight, 0n);
  let k = 0;
  while (k < live.length && live[k]!.cap * W <= R * live[k]!.weight) {
    const a = live[k++]!;
    out.set(a.id, a.cap);
    R -= a.cap;
    W -= a.weight;
  }
  for (const [id, g] of refApportion(live.slice(k), R, W, R)) out.set(id, g);
  return out;
}

/** min(L, Σ caps) in proportion to the caps (drem-prorata with caps = capacity, prorata-request with caps = need). */
export function refProportional(assets: readonly { id: string; cap: bigint }[], L: bigint): Map<string, bigint> {
  const out = new Map<string, bigint>(assets.map((a) => [a.id, 0n]));
  const live = assets.filter((a) => a.cap > 0n);
  const W = live.reduce((s, a) => s + a.cap, 0n);
  const T = L < W ? L : W;
  if (W === 0n) return out;
  for (const [id, g] of refApportion(live.map((a) => ({ id: a.id, weight: a.cap })), T, W, T)) out.set(id, g);
  return out;
}

/** L/n each, capped at capacity, no redistribution. */
export function refEqual(assets: readonly { id: string; cap: bigint }[], L: bigint): Map<string, bigint> {
  const n = BigInt(assets.length);
  const out = new Map<string, bigint>(assets.map((a) => [a.id, 0n]));
  if (n === 0n) return out;
  const uncapped = assets.filter((a) => a.cap * n > L);
  for (const a of assets) if (a.cap * n <= L) out.set(a.id, a.cap);
  const u = BigInt(uncapped.length);
  const shares = refApportion(uncapped.map((a) => ({ id: a.id, weight: 1n })), L, n, (u * L) / n);
  for (const [id, g] of shares) out.set(id, g);
  return out;
}

export function needOf(a: AssetInput): number {
  return a.plannedW === undefined ? a.capacityW : Math.min(a.capacityW, a.plannedW);
}

function capOf(policy: string, a: AssetInput): bigint {
  return BigInt(policy === 'waterfill' || policy === 'prorata-request' ? needOf(a) : a.capacityW);
}

function runPolicy(policy: string, assets: readonly AssetInput[], L: bigint): Map<string, bigint> {
  const rows = assets.map((a) => ({ id: a.id, cap: capOf(policy, a), weight: BigInt(a.weight ?? a.capacityW) }));
  switch (policy) {
    case 'waterfill':
      return refWaterfill(rows, L);
    case 'drem-prorata':
    case 'prorata-request':
      return refProportional(rows, L);
    case 'equal':
      return refEqual(rows, L);
    default:
      throw new Error(`no reference for ${policy}`);
  }
}

/** Reference split of one interval, floors included (pin-and-rerun, or scale when Σ floors > L). */
export function refSplit(policy: string, limitW: number, assets: readonly AssetInput[]): Record<string, number> {
  const L = BigInt(limitW);
  const floor = new Map(assets.map((a) => [a.id, BigInt(Math.min(a.floorW ?? 0, Number(capOf(policy, a))))]));
  const sumFloors = [...floor.values()].reduce((s, f) => s + f, 0n);
  let grants: Map<string, bigint>;
  if (sumFloors === 0n) {
    grants = runPolicy(policy, assets, L);
  } else if (sumFloors > L) {
    grants = new Map(assets.map((a) => [a.id, 0n]));
    const withFloor = assets.filter((a) => floor.get(a.id)! > 0n).map((a) => ({ id: a.id, weight: floor.get(a.id)! }));
    for (const [id, g] of refApportion(withFloor, L, sumFloors, L)) grants.set(id, g);
  } else {
    grants = new Map();
    let free = [...assets];
    let pinned = 0n;
    for (;;) {
      const pass = runPolicy(policy, free, L - pinned);
      const below = free.filter((a) => pass.get(a.id)! < floor.get(a.id)!);
      for (const [id, g] of pass) grants.set(id, g);
      if (below.length === 0) break;
      for (const a of below) {
        grants.set(a.id, floor.get(a.id)!);
        pinned += floor.get(a.id)!;
      }
      free = free.filter((a) => !below.includes(a));
    }
  }
  return Object.fromEntries([...grants].sort(([a], [b]) => byId(a, b)).map(([id, g]) => [id, Number(g)]));
}

/** The metric definitions of docs/fairness.md, computed the obvious way. */
export function refMetrics(limitW: number, assets: readonly AssetInput[], grants: Readonly<Record<string, number>>): SplitMetrics {
  const rows = assets.map((a) => ({ need: needOf(a), grant: grants[a.id]! }));
  const usable = rows.map((r) => Math.min(r.grant, r.need));
  const xs = rows.filter((r) => r.need > 0).map((r) => Math.min(r.grant, r.need) / r.need);
  const sum = (v: number[]): number => v.reduce((s, x) => s + x, 0);
  const demandW = sum(rows.map((r) => r.need));
  const usableW = sum(usable);
  const sumX2 = sum(xs.map((x) => x * x));
  return {
    assets: assets.length,
    limitW,
    grantedW: sum(rows.map((r) => r.grant)),
    demandW,
    usableW,
    strandedW: limitW - usableW,
    avoidableStrandedW: Math.min(limitW, demandW) - usableW,
    jainIndex: xs.length === 0 || sumX2 === 0 ? 1 : sum(xs) ** 2 / (xs.length * sumX2),
    minSatisfaction: xs.length === 0 ? 1 : Math.min(...xs),
    maxSatisfaction: xs.length === 0 ? 1 : Math.max(...xs),
  };
}
