// Summarises a V8 .cpuprofile: self time per function and per module (package or repo folder).
// Run alone: tsx bench/report/profile.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of samples that were not idle. */
  busyPercent: number;
  functions: Array<{ name: string; where: string; selfMs: number; percent: number }>;
  modules: Array<{ module: string; selfMs: number; percent: number }>;
  /**
   * Inclusive attribution: each sample goes to the nearest frame (leaf upward) in a component
   * folder (endpoint-agr, endpoint-dso, broker, directory), else in a shared package
   * (packages/mades, …), else to '(callbacks: no project frame)' — who asked for the CPU.
   */
  owners: Array<{ owner: string; ms: number; percent: number }>;
}

/** Which module a script URL belongs to: an npm package, a repo folder (two levels), node internals, or a V8 pseudo-node. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /\/(packages|broker|directory|endpoint-agr|endpoint-dso|cli|bench)\/([^/]+)?/.exec(url);
  if (m) return m[1] === 'packages' ? `packages/${m[2]}` : m[1]!;
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Native frames (no script URL) are named after their nearest JavaScript caller. */
  const jsCaller = (id: number): string => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      if (f.url) return `${f.functionName || '(anonymous)'} ${moduleOf(f.url, f.functionName)}`;
    }
    return '';
  };
  const selfUs = new Map<number, number>();
  if (profile.samples && profile.timeDeltas) {
    for (let i = 0; i < profile.samples.length; i++) {
      const id = profile.samples[i]!;
      selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0));
    }
  } else {
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
    for (const n of profile.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const mod = new Map<string, number>();
  let idle = 0;
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  // The profiler's own Profiler.stop (inspector dispatch) is not the platform's work.
  for (const [id] of selfUs) if (!byId.get(id)!.callFrame.url && jsCaller(id).endsWith('node:inspector')) selfUs.delete(id);
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') idle += us;
    const name = functionName || '(anonymous)';
    const short = url.replace(/^file:\/\/.*?\/(node_modules|packages|broker|directory|endpoint-agr|endpoint-dso|cli|bench)\//, '$1/');
    const where = url ? `${short}:${lineNumber + 1}` : name.startsWith('(') ? '' : `native, called from ${jsCaller(id)}`;
    const key = `${name}@${where}`;
    const e = fn.get(key) ?? { name, where, us: 0 };
    e.us += us;
    fn.set(key, e);
    const m = moduleOf(url, functionName);
    mod.set(m, (mod.get(m) ?? 0) + us);
  }
  const ownerOf = (id: number): string => {
    let pkg = '';
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      if (!f.url || f.url.includes('/node_modules/')) continue;
      const m = moduleOf(f.url, f.functionName);
      if (['endpoint-agr', 'endpoint-dso', 'broker', 'directory'].includes(m)) return m;
      if (!pkg && m.startsWith('packages/')) pkg = m;
    }
    return pkg || '(callbacks: no project frame)';
  };
  const owners = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame.functionName;
    const o = f === '(idle)' || f === '(program)' || f === '(garbage collector)' ? f : ownerOf(id);
    owners.set(o, (owners.get(o) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    busyPercent: Math.round((1 - idle / totalUs) * 1000) / 10,
    functions: [...fn.values()].sort((a, b) => b.us - a.us).slice(0, top).map((e) => ({ name: e.name, where: e.where, selfMs: ms(e.us), percent: pct(e.us) })),
    owners: [...owners.entries()].sort((a, b) => b[1] - a[1]).map(([owner, us]) => ({ owner, ms: ms(us), percent: pct(us) })),
    modules: [...mod.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([module, us]) => ({ module, selfMs: ms(us), percent: pct(us) })),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  const s = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs} ms sampled, busy ${s.busyPercent} %`);
  console.log('\nCPU by owner (nearest component frame on the stack)');
  for (const o of s.owners) console.log(`${o.percent.toFixed(1).padStart(5)} %  ${o.ms.toFixed(0).padStart(7)} ms  ${o.owner}`);
  console.log('\nself time by module');
  for (const m of s.modules) console.log(`${m.percent.toFixed(1).padStart(5)} %  ${m.selfMs.toFixed(0).padStart(7)} ms  ${m.module}`);
  console.log('\nself time by function');
  for (const f of s.functions) console.log(`${f.percent.toFixed(1).padStart(5)} %  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
}
