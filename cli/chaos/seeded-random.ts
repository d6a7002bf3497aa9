// A seeded pseudo-random source: the same seed gives the same sequence, so a failing chaos run
// (`tps chaos --seed`) can be repeated and bench/fairness.bench.ts splits the same data every run.
// mulberry32 (public domain): small, fast, good enough for picking moments and test data; the
// platform's own code never uses it. Hand-written because no runtime dependency offers a seeded
// generator (fast-check's is a dev dependency).
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
