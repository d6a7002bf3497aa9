// Step 5: the summary — documents by type, every message's final status, the split per AGR/BRP,
// and where a schedule would exceed a limit — as a table for people and as summary.json.
import { assetName, partyName, type Cast, type Direction } from './cast.js';
import { ackOutcome } from './actors.js';
import type { CapturedDocument } from './capture.js';
import type { DsoSchedule, DsoSplit } from './rest-views.js';
import type { ScenarioRun } from './scenario.js';

const QUARTER = 15 * 60_000;

export interface Exceedance {
  limitId: string;
  revision: number;
  assetId: string;
  direction: Direction;
  start: string;
  plannedW: number;
  grantW: number;
}

export interface Summary {
  ok: boolean;
  problems: string[];
  parties: Array<{ party: string; name: string; role: 'DSO' | 'AGR/BRP' | 'TPS' }>;
  documentsByType: Record<string, number>;
  messages: Array<Omit<CapturedDocument, 'xml' | 'parsed'> & { businessAck?: string }>;
  /** Per foreseen revision: grants per AGR/BRP per asset (one value per quarter hour), as each received them. */
  grants: Array<{ limitId: string; revision: number; policy?: string; perOperator: Record<string, Record<string, number[]>>; totalW: number[]; availableW: number[] }>;
  signals: Record<string, Array<{ assetId: string; direction: string; action: string }>>;
  exceedances: Exceedance[];
  unforeseenLatencyMs: Record<string, number>;
}

/** Expands a grant's merged intervals into one value per quarter hour from `start`. */
export function quarterValues(intervals: Array<{ start: string; end: string; maxW: number }>, start: string, count: number): number[] {
  const out = new Array<number>(count).fill(0);
  const t0 = Date.parse(start);
  for (const i of intervals) {
    for (let t = Date.parse(i.start); t < Date.parse(i.end); t += QUARTER) {
      const q = Math.round((t - t0) / QUARTER);
      if (q >= 0 && q < count) out[q] = i.maxW;
    }
  }
  return out;
}

/** What the DSO itself can see: plans (its GET /schedules) above grants (its GET split). */
export function exceedances(limitId: string, split: DsoSplit, schedules: DsoSchedule[]): Exceedance[] {
  const out: Exceedance[] = [];
  for (const g of split.grants ?? []) {
    const step = g.resolution === 'PT60M' ? 4 * QUARTER : QUARTER;
    g.grantW.forEach((grantW, i) => {
      const t = Date.parse(g.interval.start) + i * step;
      for (const s of schedules) {
        if (s.assetId !== g.assetId || s.cancelled || !s.interval || !s.valuesW) continue;
        const sStep = s.resolution === 'PT60M' ? 4 * QUARTER : QUARTER;
        const k = Math.floor((t - Date.parse(s.interval.start)) / sStep);
        const v = s.valuesW[k];
        if (v === undefined) continue;
        const plannedW = g.direction === 'production' ? Math.max(0, v) : Math.max(0, -v);
        if (plannedW > grantW) out.push({ limitId, revision: split.revision ?? 0, assetId: g.assetId, direction: g.direction, start: new Date(t).toISOString().slice(0, 19) + 'Z', plannedW, grantW });
      }
    });
  }
  return out;
}

export function buildSummary(run: ScenarioRun, docs: CapturedDocument[]): Summary {
  const { cast } = run;
  const problems: string[] = [];
  const acks = new Map(run.sent.map((s) => [s.messageId, s]));
  const messages = docs.map(({ xml: _x, parsed: _p, ...d }) => {
    const s = acks.get(d.messageId);
    return { ...d, ...(s?.final && s.expectAck ? { businessAck: ackOutcome(s.final) } : {}) };
  });
  for (const m of messages) {
    if (m.status !== 'RECEIVED') problems.push(`#${m.n} ${m.detail} ${partyName(cast, m.senderParty)} → ${partyName(cast, m.receiverParty)} ended ${m.status}`);
    if (m.invalid) problems.push(`#${m.n} ${m.detail} is not a valid document: ${m.invalid}`);
  }
  for (const s of run.sent) {
    if (!docs.some((d) => d.messageId === s.messageId)) problems.push(`${s.what} of ${partyName(cast, s.party)} (${s.messageId}) never crossed the broker`);
    if (s.final?.tracking?.state !== 'RECEIVED') problems.push(`${s.what} of ${partyName(cast, s.party)} tracked ${s.final?.tracking?.state ?? 'unknown'}`);
    if (s.expectAck && (!s.final || ackOutcome(s.final) !== 'ACCEPTED')) {
      problems.push(`${s.what} of ${partyName(cast, s.party)}: business acknowledgement ${s.final ? ackOutcome(s.final) : 'missing'} ${JSON.stringify(s.final?.acknowledgement.reasons ?? [])}`);
    }
  }
  const documentsByType: Record<string, number> = {};
  for (const d of docs) documentsByType[d.detail] = (documentsByType[d.detail] ?? 0) + 1;

  const grants: Summary['grants'] = [];
  for (const r of run.foreseen.revisions) {
    if (r.status !== 'active' || !r.availableCapacityW) continue;
    const n = r.availableCapacityW.length;
    const perOperator: Record<string, Record<string, number[]>> = {};
    const totalW = new Array<number>(n).fill(0);
    for (const [party, a] of r.arrivals) {
      const mine: Record<string, number[]> = {};
      for (const g of a.limit.grants ?? []) {
        const v = quarterValues(g.intervals, cast.foreseen.start, n);
        mine[g.assetId] = v;
        v.forEach((w, i) => (totalW[i] = totalW[i]! + w));
      }
      perOperator[party] = mine;
    }
    grants.push({ limitId: run.foreseen.limitId, revision: r.revision, ...(r.policy ? { policy: r.policy } : {}), perOperator, totalW, availableW: r.availableCapacityW });
  }
  const signals: Summary['signals'] = {};
  const unforeseenLatencyMs: Record<string, number> = {};
  for (const [party, a] of run.unforeseen.signal.arrivals) {
    signals[party] = a.limit.signals ?? [];
    unforeseenLatencyMs[party] = a.latencyMs;
  }
  const dsoSchedules = run.schedules.dsoSchedules.get(cast.foreseen.dso) ?? [];
  const over = run.foreseen.revisions.flatMap((r) => (r.split ? exceedances(run.foreseen.limitId, r.split, dsoSchedules) : []));
  return {
    ok: problems.length === 0,
    problems,
    parties: [
      ...cast.dsos.map((d) => ({ party: d.party, name: d.name, role: 'DSO' as const })),
      ...cast.agrs.map((a) => ({ party: a.party, name: a.name, role: 'AGR/BRP' as const })),
      ...[...new Set(docs.map((d) => d.senderParty))].filter((p) => !cast.dsos.some((d) => d.party === p) && !cast.agrs.some((a) => a.party === p)).map((p) => ({ party: p, name: 'TPS core', role: 'TPS' as const })),
    ],
    documentsByType,
    messages,
    grants,
    signals,
    exceedances: over,
    unforeseenLatencyMs,
  };
}

const kw = (w: number) => `${Math.round(w / 100) / 10}`;

/** The summary as text tables. */
export function renderSummary(cast: Cast, s: Summary): string {
  const lines: string[] = [];
  const name = (p: string) => (s.parties.find((x) => x.party === p)?.name ?? partyName(cast, p));
  lines.push('Documents exchanged by type:');
  for (const [t, n] of Object.entries(s.documentsByType).sort()) lines.push(`  ${t.padEnd(40)} ${String(n).padStart(3)}`);
  lines.push(`  ${'total'.padEnd(40)} ${String(s.messages.length).padStart(3)}`);
  lines.push('', 'Every message (final transport status; business acknowledgement where one is expected):');
  lines.push(`  ${'#'.padStart(3)}  ${'document'.padEnd(42)} ${'from'.padEnd(12)} ${'to'.padEnd(12)} ${'prio'.padEnd(4)} ${'status'.padEnd(9)} ack`);
  for (const m of s.messages) {
    lines.push(`  ${String(m.n).padStart(3)}  ${(m.detail + (m.revision && m.revision > 1 ? ` r${m.revision}` : '')).padEnd(42)} ${name(m.senderParty).padEnd(12)} ${name(m.receiverParty).padEnd(12)} ${String(m.priority).padEnd(4)} ${m.status.padEnd(9)} ${m.businessAck ?? ''}`);
  }
  for (const g of s.grants) {
    lines.push('', `Split of ${g.limitId} rev ${g.revision} (${g.policy}), kW per quarter hour from ${cast.foreseen.start}:`);
    lines.push(`  ${'available'.padEnd(36)} ${g.availableW.map((w) => kw(w).padStart(7)).join('')}`);
    for (const [party, assets] of Object.entries(g.perOperator)) {
      for (const [assetId, v] of Object.entries(assets)) lines.push(`  ${(name(party) + ' · ' + assetName(cast, assetId)).padEnd(36)} ${v.map((w) => kw(w).padStart(7)).join('')}`);
    }
    lines.push(`  ${'granted in total'.padEnd(36)} ${g.totalW.map((w) => kw(w).padStart(7)).join('')}`);
  }
  lines.push('', 'Unforeseen signal per AGR/BRP:');
  for (const [party, sig] of Object.entries(s.signals)) {
    lines.push(`  ${name(party).padEnd(12)} ${sig.map((x) => `${assetName(cast, x.assetId)}: ${x.action} ${x.direction}`).join('; ')}  (long-poll answered after ${s.unforeseenLatencyMs[party]} ms)`);
  }
  lines.push('', 'Where a schedule would exceed a limit (plan > grant, as the DSO can see it):');
  if (s.exceedances.length === 0) lines.push('  none');
  const groups = new Map<string, Exceedance[]>();
  for (const e of s.exceedances) groups.set(`${e.revision} ${e.assetId}`, [...(groups.get(`${e.revision} ${e.assetId}`) ?? []), e]);
  for (const [, es] of groups) {
    const e = es[0]!;
    const grants = es.map((x) => x.grantW);
    lines.push(`  rev ${e.revision} ${assetName(cast, e.assetId).padEnd(22)} plans up to ${kw(Math.max(...es.map((x) => x.plannedW)))} kW ${e.direction}; granted less in ${es.length} quarter hour(s) (${kw(Math.min(...grants))}–${kw(Math.max(...grants))} kW) at ${es.map((x) => x.start.slice(11, 16)).join(', ')}Z`);
  }
  lines.push('', s.ok ? 'RESULT: every message RECEIVED, every expected business acknowledgement positive.' : `RESULT: ${s.problems.length} problem(s):\n  - ${s.problems.join('\n  - ')}`);
  return lines.join('\n') + '\n';
}
