// The run's report: a plain table on stdout, the whole record as JSON (--json FILE), and the
// results files the fault table of docs/RELIABILITY.md is generated from (test/faults/results/).
import { writeFileSync } from 'node:fs';
import { writeFaultSummary } from '../../test/faults/results-file.js';
import type { Crash } from './component-process.js';
import type { Drained } from './drain.js';
import type { ExecutedFault, FaultKind } from './fault-schedule.js';
import type { Reconciliation } from './reconcile.js';

export interface ChaosReport {
  startedAt: string;
  node: string;
  parameters: { messages: number; seed: number; concurrency: number; limitEvery: number; faults: Record<FaultKind, number>; maxMinutes: number };
  world: { agrs: number; dsos: number; assets: number; schedules: number; limits: number };
  stores: Record<'directory' | 'core' | 'agr' | 'dso', 'PostgreSQL' | 'SQLite'>;
  /** From the first load request to the last answer. */
  loadSeconds: number;
  acceptedPerSecond: number;
  totalSeconds: number;
  loadAverage: { before: number[]; after: number[] };
  /**
   * CPU seconds of each component process from the start of the load to the end of the drain
   * (restarts' start-up included; a SIGKILLed run's last second may be missed), and per accepted
   * document: a figure the machine's other load does not distort the way it does wall time.
   */
  cpu: { seconds: Record<string, number>; msPerDocument: number };
  faults: ExecutedFault[];
  crashes: Crash[];
  starts: Record<string, number>;
  drain: Drained;
  /** Mean payload bytes per component and business type, sampled from unpublished outbox rows. */
  documentBytes: Record<string, number>;
  counts: Reconciliation;
  passed: boolean;
  failures: string[];
}

/** Why a run fails: anything lost, doubled, stuck, crashed — or faults that did not happen as planned. */
export function verdict(r: Omit<ChaosReport, 'passed' | 'failures'>): string[] {
  const c = r.counts;
  const failures: string[] = [];
  if (c.lost > 0) failures.push(`${c.lost} accepted documents without effect`);
  if (c.duplicated > 0) failures.push(`${c.duplicated} duplicated effects`);
  if (c.tracking.notFinal > 0) failures.push(`${c.tracking.notFinal} messages not in a final tracking status`);
  if (r.crashes.length > 0) failures.push(`${r.crashes.length} crashes`);
  if (c.rejectedByCore > 0) failures.push(`${c.rejectedByCore} accepted documents rejected by the core`);
  if (c.accepted < r.parameters.messages) failures.push(`only ${c.accepted} of ${r.parameters.messages} documents accepted`);
  const errors = r.faults.filter((f) => f.error);
  if (errors.length) failures.push(`${errors.length} faults failed to inject or recover`);
  return failures;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function renderReport(r: ChaosReport): string {
  const c = r.counts;
  const faultCounts = Object.entries(r.parameters.faults).map(([k, n]) => `${k} ×${n}`).join(', ');
  const rows: Array<[string, string, string]> = [
    ['accepted', fmt(c.accepted), Object.entries(c.acceptedVia).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')],
    ['sent', fmt(c.sent), `in the AGR/DSO outboxes; ${c.sentNotAccepted} never confirmed to the client`],
    ['received', fmt(c.received), 'distinct effects at the final receiver (DSO schedules; split read-back + every AGR grant)'],
    ['lost', fmt(c.lost), 'accepted without effect'],
    ['duplicated', fmt(c.duplicated), `effects beyond one per document: core ${c.duplicatedAtCore}, final receiver ${c.duplicatedAtReceiver}`],
    ['not final', fmt(c.tracking.notFinal), 'tracked messages (core, AGR, DSO) not RECEIVED/FAILED'],
    ['failed', fmt(c.tracking.failed), c.tracking.failedReasons.map((f) => `${f.component} ${f.businessType} ${f.reason} ×${f.count}`).join('; ') || 'none'],
    ['rejected by core', fmt(c.rejectedByCore), `already-received resends recognised by the core: ${c.alreadyReceivedAtCore}`],
    ['crashes', fmt(r.crashes.length), r.crashes.map((x) => `${x.component} ${x.code ?? x.signal} at ${x.at}`).join('; ') || 'none'],
  ];
  const w = Math.max(...rows.map((x) => x[1].length));
  const lines = [
    `tps chaos: ${fmt(r.parameters.messages)} documents, seed ${r.parameters.seed}, ${r.parameters.concurrency} clients; faults ${faultCounts}`,
    `stores: core PostgreSQL, directory/AGR/DSO SQLite; world ${r.world.assets} assets/schedules, ${r.world.limits} limits, ${r.world.agrs} AGR/BRPs, ${r.world.dsos} DSOs`,
    `document sizes (mean bytes): ${Object.entries(r.documentBytes).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
    `load ${r.loadSeconds.toFixed(0)} s (${r.acceptedPerSecond.toFixed(1)} accepted/s), total ${r.totalSeconds.toFixed(0)} s; drained ${r.drain.drained ? 'yes' : 'NO'} after ${(r.drain.waitedMs / 1000).toFixed(0)} s; load average ${r.loadAverage.before.join(' ')} → ${r.loadAverage.after.join(' ')}`,
    `platform CPU from load start to drained: ${Object.entries(r.cpu.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}; ${r.cpu.msPerDocument.toFixed(1)} ms per accepted document`,
    `faults: ${r.faults.map((f) => `${f.kind}@${f.acceptedAtFault}${f.duringLoad ? '' : '(after load)'} ${(f.recoveryMs / 1000).toFixed(1)}s${f.error ? ' ERROR' : ''}`).join(', ')}`,
    '',
    ...rows.map(([k, v, note]) => `  ${k.padEnd(17)} ${v.padStart(w)}   ${note}`),
    '',
    ...(c.lostSamples.length ? ['lost (first 10):', ...c.lostSamples.map((s) => `  ${s.document} core ${JSON.stringify(s.coreDecisions)} sender ${s.senderStatus ?? 'not sent'}`), ''] : []),
    ...(c.notAccepted.length ? [`not accepted (${c.notAccepted.length}, first 5):`, ...c.notAccepted.slice(0, 5).map((n) => `  ${n.document} ${n.outcome} ${n.status ?? ''} ${JSON.stringify(n.problem ?? '').slice(0, 200)}`), ''] : []),
    r.passed ? 'PASSED: every accepted document had exactly one effect and every message reached a final status.' : `FAILED: ${r.failures.join('; ')}`,
  ];
  return lines.join('\n');
}

export function writeJson(file: string, r: ChaosReport): void {
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
}

const ROWS: Record<FaultKind, { key: string; what: (r: ChaosReport) => string }> = {
  'core-sigkill': { key: 'platform-core-sigkill', what: (r) => `TPS core SIGKILLed ×${r.parameters.faults['core-sigkill']} during a ${fmt(r.parameters.messages)}-document run` },
  'agr-sigkill': { key: 'platform-agr-sigkill', what: (r) => `AGR endpoint SIGKILLed ×${r.parameters.faults['agr-sigkill']} during a ${fmt(r.parameters.messages)}-document run` },
  'rabbitmq-restart': { key: 'platform-rabbitmq-restart', what: (r) => `RabbitMQ node stopped and started ×${r.parameters.faults['rabbitmq-restart']} during a ${fmt(r.parameters.messages)}-document run` },
  'postgresql-restart': { key: 'platform-postgresql-restart', what: (r) => `PostgreSQL (core store) stopped -m immediate and started ×${r.parameters.faults['postgresql-restart']} during a ${fmt(r.parameters.messages)}-document run` },
};

/**
 * One results file per fault kind of the run (the four platform rows of the fault table). All the
 * faults hit the same run, so each row carries the whole run's counts; the detail says which
 * other faults were in it.
 */
export function writeResultsFiles(prefix: string, r: ChaosReport): void {
  const c = r.counts;
  for (const kind of Object.keys(ROWS) as FaultKind[]) {
    if (r.parameters.faults[kind] === 0) continue;
    const row = ROWS[kind];
    writeFaultSummary(`${prefix}-${row.key}`, {
      fault: row.key,
      description: `${row.what(r)} (tps chaos, seed ${r.parameters.seed}; the same run had: ${Object.entries(r.parameters.faults).map(([k, n]) => `${k} ×${n}`).join(', ')})`,
      sent: c.sent,
      received: c.received,
      lost: c.lost,
      duplicated: c.duplicated,
      crashed: r.crashes.length,
      receivedStatus: c.receivedStatusAtSender,
      detail: {
        messages: r.parameters.messages,
        coreKills: r.parameters.faults['core-sigkill'],
        accepted: c.accepted,
        notFinal: c.tracking.notFinal,
        failed: c.tracking.failed,
        rejectedByCore: c.rejectedByCore,
        alreadyReceivedAtCore: c.alreadyReceivedAtCore,
        acceptedPerSecond: Math.round(r.acceptedPerSecond * 10) / 10,
        platformCpuMsPerDocument: Math.round(r.cpu.msPerDocument * 10) / 10,
        faultsAt: r.faults.filter((f) => f.kind === kind).map((f) => f.acceptedAtFault),
        recoverySeconds: r.faults.filter((f) => f.kind === kind).map((f) => Math.round(f.recoveryMs / 100) / 10),
      },
    });
  }
}
