// Step 3 (foreseen, F6/F7) and step 4 (unforeseen): the DSO sends through its REST facade; each
// AGR/BRP is already waiting (long-poll, F7a) and gets only what concerns its own assets.
import { assetName, assetsAt, cpName, partyName, isoMinute, type Cast } from './cast.js';
import { settle, type Actors } from './actors.js';
import type { AgrLimit, DsoSplit, LimitSent } from './rest-views.js';
import { eventually, ScenarioTimeoutError, sleep } from './wait.js';

const QUARTER = 15 * 60_000;
/** How long an AGR/BRP that is not concerned waits before concluding nothing came. */
const QUIET_SECONDS = 2;
/** Give the long-polls a moment to park before the DSO sends (only affects the printed latency). */
const PARK_MS = 300;

export interface Arrival {
  limit: AgrLimit;
  /** From the DSO's REST call to the AGR/BRP's waiting request returning (printed, not asserted). */
  latencyMs: number;
}

export interface RevisionResult {
  revision: number;
  status: 'active' | 'cancelled';
  policy?: string;
  connectionPointIds?: string[];
  availableCapacityW?: number[];
  /** AGR/BRPs with at least one affected asset. */
  affected: string[];
  arrivals: Map<string, Arrival>;
  /** What the AGR/BRPs that are not concerned got meanwhile (expected: nothing of this revision). */
  quiet: Map<string, AgrLimit[]>;
  split?: DsoSplit;
}

export interface ForeseenResult {
  limitId: string;
  revisions: RevisionResult[];
  /** GET /limits/active per AGR/BRP after the cancellation. */
  activeAfterCancel: Map<string, AgrLimit[]>;
}

export interface UnforeseenResult {
  limitId: string;
  signal: RevisionResult;
  /** Revision 2: a later expected end. */
  update: RevisionResult;
  expectedEnd: { first: string; extended: string };
  cancel: RevisionResult;
  split: DsoSplit;
}

/** Long-polls one AGR/BRP's /limits/wait until `match` finds a limit, or (quiet) once for a few seconds. */
async function waitForLimit(actors: Actors, party: string, match: ((l: AgrLimit) => boolean) | undefined, t0: () => number): Promise<{ found?: Arrival; seen: AgrLimit[] }> {
  const client = actors.client(party);
  const seen: AgrLimit[] = [];
  const deadline = Date.now() + actors.waitSeconds * 1000;
  for (;;) {
    const timeout = match ? Math.max(1, Math.ceil((deadline - Date.now()) / 1000)) : QUIET_SECONDS;
    const { limits } = await client.get<{ limits: AgrLimit[] }>(`/limits/wait?timeout=${timeout}&client=scenario`);
    const at = Date.now();
    seen.push(...limits);
    const hit = match ? limits.find(match) : undefined;
    if (hit) return { found: { limit: hit, latencyMs: at - t0() }, seen };
    if (!match) return { seen };
    if (Date.now() > deadline) throw new ScenarioTimeoutError(`${partyName(actors.cast, party)} waited ${actors.waitSeconds} s for its limit; got ${JSON.stringify(seen)}`);
  }
}

/** Every AGR/BRP waits; the DSO sends; affected ones get theirs, the others nothing. */
async function sendWhileWaiting(actors: Actors, affected: string[], match: (l: AgrLimit) => boolean, send: () => Promise<LimitSent>): Promise<{ sent: LimitSent; arrivals: Map<string, Arrival>; quiet: Map<string, AgrLimit[]> }> {
  let sentAt = 0;
  const waits = actors.cast.agrs.map(async (agr) => [agr.party, await waitForLimit(actors, agr.party, affected.includes(agr.party) ? match : undefined, () => sentAt)] as const);
  await sleep(PARK_MS);
  sentAt = Date.now();
  const sent = await send();
  const results = await Promise.all(waits);
  const arrivals = new Map<string, Arrival>();
  const quiet = new Map<string, AgrLimit[]>();
  for (const [party, r] of results) {
    if (r.found) arrivals.set(party, r.found);
    else quiet.set(party, r.seen);
  }
  return { sent, arrivals, quiet };
}

function operatorsOf(cast: Cast, assetIds: string[]): string[] {
  return cast.agrs.map((a) => a.party).filter((p) => cast.assets.some((x) => x.operator === p && assetIds.includes(x.assetId)));
}

function describeArrivals(actors: Actors, r: RevisionResult): void {
  for (const [party, a] of r.arrivals) {
    const what = a.limit.status === 'cancelled'
      ? 'cancellation'
      : a.limit.grants
        ? a.limit.grants.map((g) => `${assetName(actors.cast, g.assetId)} ${g.intervals.map((i) => `${Math.round(i.maxW / 100) / 10}`).join("/")} kW`).join('; ')
        : (a.limit.signals ?? []).map((s) => `${assetName(actors.cast, s.assetId)}: ${s.action} ${s.direction}`).join('; ');
    actors.narrator.progress(`${partyName(actors.cast, party)} long-poll returned after ${a.latencyMs} ms: rev ${a.limit.revision} ${a.limit.status} — ${what}`);
  }
  for (const [party, got] of r.quiet) actors.narrator.progress(`${partyName(actors.cast, party)} not concerned: its long-poll returned ${got.length} limits after ${QUIET_SECONDS} s`);
}

export async function foreseenLimit(actors: Actors): Promise<ForeseenResult> {
  const { cast, narrator } = actors;
  const f = cast.foreseen;
  const dso = actors.client(f.dso);
  const dsoName = partyName(cast, f.dso);
  const revisions: RevisionResult[] = [];
  const body = (rev: typeof f.first | typeof f.update, revision?: number) => ({
    ...(revision === undefined ? { limitId: f.limitId } : { revision }),
    period: { start: f.start, end: isoMinute(Date.parse(f.start) + rev.availableCapacityW.length * QUARTER) },
    fairnessPolicy: rev.policy,
    reasons: [{ code: 'B19', text: 'planned maintenance' }],
    series: [{ direction: f.direction, connectionPointIds: rev.connectionPointIds, resolution: 'PT15M', availableCapacityW: rev.availableCapacityW }],
  });

  for (const [revision, rev] of [[1, f.first], [2, f.update]] as const) {
    const affected = operatorsOf(cast, assetsAt(cast, rev.connectionPointIds).map((a) => a.assetId));
    const verb = revision === 1 ? 'POST' : 'PUT';
    const what = `foreseen limit rev ${revision} (${rev.policy}, ${f.direction}, ${rev.connectionPointIds.map((c) => cpName(cast, c)).join('+')}, ${rev.availableCapacityW.map((w) => w / 1000).join('/')} kW per quarter hour)`;
    const { sent, arrivals, quiet } = await sendWhileWaiting(actors, affected, (l) => l.kind === 'foreseen' && l.revision === revision && l.status === 'active', () =>
      announce(actors, `${dsoName} ${verb} ${what}`, revision === 1 ? dso.post<LimitSent>('/capacity-limits/foreseen', body(rev)) : dso.put<LimitSent>(`/capacity-limits/foreseen/${f.limitId}`, body(rev, revision))),
    );
    const r: RevisionResult = { revision, status: 'active', policy: rev.policy, connectionPointIds: rev.connectionPointIds, availableCapacityW: rev.availableCapacityW, affected, arrivals, quiet };
    describeArrivals(actors, r);
    const m = await settle(actors, f.dso, sent.messageId, `foreseen limit rev ${revision}`);
    narrator.progress(`${dsoName} limit rev ${revision}: ${m.tracking?.state}, acknowledgement ${m.acknowledgement.state}`);
    // F6a read-back: the split per asset (no operators) and its fairness metrics.
    r.split = await eventually(`${dsoName}: split of rev ${revision}`, async () => {
      const s = await dso.get<DsoSplit>(`/capacity-limits/${f.limitId}/split`);
      return s.reported && s.revision === revision ? s : undefined;
    });
    const m2 = r.split.metrics ?? {};
    narrator.progress(`${dsoName} GET split rev ${revision}: policy ${r.split.policy}, Jain min ${fmt(m2['jainIndexMin'])}, stranded ${typeof m2['strandedWTotal'] === 'number' ? m2['strandedWTotal'] / 1000 : '–'} kW summed over the quarter hours, ${r.split.grants?.length ?? 0} asset grants`);
    revisions.push(r);
  }

  const everyone = [...new Set(revisions.flatMap((r) => r.affected))];
  const cancel = await sendWhileWaiting(actors, everyone, (l) => l.kind === 'foreseen' && l.status === 'cancelled', () =>
    announce(actors, `${dsoName} DELETE the foreseen limit (rev 3, cancelled)`, dso.delete<LimitSent>(`/capacity-limits/foreseen/${f.limitId}?revision=3`)),
  );
  const c: RevisionResult = { revision: 3, status: 'cancelled', affected: everyone, arrivals: cancel.arrivals, quiet: cancel.quiet };
  describeArrivals(actors, c);
  const m = await settle(actors, f.dso, cancel.sent.messageId, 'foreseen limit cancellation (rev 3)');
  narrator.progress(`${dsoName} cancellation: ${m.tracking?.state}, acknowledgement ${m.acknowledgement.state}`);
  revisions.push(c);
  const activeAfterCancel = new Map<string, AgrLimit[]>();
  for (const agr of cast.agrs) activeAfterCancel.set(agr.party, (await actors.client(agr.party).get<{ limits: AgrLimit[] }>('/limits/active')).limits);
  return { limitId: f.limitId, revisions, activeAfterCancel };
}

export async function unforeseenSignal(actors: Actors): Promise<UnforeseenResult> {
  const { cast, narrator } = actors;
  const u = cast.unforeseen;
  const dso = actors.client(u.dso);
  const dsoName = partyName(cast, u.dso);
  const expectedEnd = isoMinute(Math.ceil(Date.now() / 60_000) * 60_000 + u.minutes * 60_000);
  const body = {
    limitId: u.limitId,
    expectedEnd,
    reasons: [{ code: 'B24', text: 'load flow overload' }],
    signals: [
      { direction: u.stop.direction, action: 'stop', assetIds: u.stop.assetIds },
      { direction: u.hold.direction, action: 'hold', assetIds: u.hold.assetIds },
    ],
  };
  const affected = operatorsOf(cast, [...u.stop.assetIds, ...u.hold.assetIds]);
  const what = `${dsoName} POST unforeseen: stop ${u.stop.direction} of ${u.stop.assetIds.map((a) => assetName(cast, a)).join(', ')}; hold ${u.hold.direction} of ${u.hold.assetIds.map((a) => assetName(cast, a)).join(', ')} until ${expectedEnd}`;
  const sig = await sendWhileWaiting(actors, affected, (l) => l.kind === 'unforeseen' && l.status === 'active', () => announce(actors, what, dso.post<LimitSent>('/capacity-limits/unforeseen', body)));
  const signal: RevisionResult = { revision: 1, status: 'active', affected, arrivals: sig.arrivals, quiet: sig.quiet };
  describeArrivals(actors, signal);
  const latencies = [...sig.arrivals.values()].map((a) => a.latencyMs);
  narrator.note(`latency DSO REST call → AGR/BRP long-poll answer: max ${Math.max(...latencies)} ms, min ${Math.min(...latencies)} ms (emergency priority)`);
  const m = await settle(actors, u.dso, sig.sent.messageId, 'unforeseen signal');
  narrator.progress(`${dsoName} signal: ${m.tracking?.state}, acknowledgement ${m.acknowledgement.state}`);
  const split = await dso.get<DsoSplit>(`/capacity-limits/${u.limitId}/split`);
  narrator.progress(`${dsoName} GET split: ${(split.assets ?? []).map((a) => `${assetName(cast, a.assetId)} ${a.action}`).join(', ')}`);

  // The issue lasts longer: revision 2 with a later expected end reaches the same operators at once.
  const { limitId: _id, ...withoutId } = body;
  const extended = isoMinute(Math.ceil(Date.now() / 60_000) * 60_000 + u.extendedMinutes * 60_000);
  const upd = await sendWhileWaiting(actors, affected, (l) => l.kind === 'unforeseen' && l.status === 'active' && l.revision === 2, () =>
    announce(actors, `${dsoName} PUT the unforeseen signal: the issue lasts until ${extended}`, dso.put<LimitSent>(`/capacity-limits/unforeseen/${u.limitId}`, { ...withoutId, revision: 2, expectedEnd: extended })),
  );
  const update: RevisionResult = { revision: 2, status: 'active', affected, arrivals: upd.arrivals, quiet: upd.quiet };
  describeArrivals(actors, update);
  const mu = await settle(actors, u.dso, upd.sent.messageId, 'unforeseen signal update (rev 2)');
  narrator.progress(`${dsoName} update: ${mu.tracking?.state}, acknowledgement ${mu.acknowledgement.state}`);

  // Back to normal: the DSO cancels the signal; the same operators are told at once.
  const can = await sendWhileWaiting(actors, affected, (l) => l.kind === 'unforeseen' && l.status === 'cancelled', () =>
    announce(actors, `${dsoName} DELETE the unforeseen signal (grid back to normal)`, dso.delete<LimitSent>(`/capacity-limits/unforeseen/${u.limitId}`)),
  );
  const cancel: RevisionResult = { revision: can.sent.revision, status: 'cancelled', affected, arrivals: can.arrivals, quiet: can.quiet };
  describeArrivals(actors, cancel);
  const mc = await settle(actors, u.dso, can.sent.messageId, 'unforeseen signal cancellation');
  narrator.progress(`${dsoName} cancellation: ${mc.tracking?.state}, acknowledgement ${mc.acknowledgement.state}`);
  return { limitId: u.limitId, signal, update, expectedEnd: { first: expectedEnd, extended }, cancel, split };
}

/** Prints the DSO's call as soon as it answered (before the AGR/BRPs' long-polls return). */
async function announce(actors: Actors, what: string, call: Promise<LimitSent>): Promise<LimitSent> {
  const sent = await call;
  actors.narrator.progress(`${what} → ${sent.revision > 0 ? `rev ${sent.revision}, ` : ''}message ${sent.messageId}`);
  return sent;
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v ?? '–');
}
