// A seeded pseudo-random source for the fault schedule (`tps chaos --seed`): the same seed gives
// the same fault moments, so a failing run can be repeated. mulberry32 (public domain): small,
// fast and good enough for picking moments; the platform's own code never uses it. Hand-written
// because no runtime dependency offers a seeded generator (fast-check's is a dev dependency).
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
