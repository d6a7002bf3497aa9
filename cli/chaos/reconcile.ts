// Counting after the run (issue 13, F1), from each component's own store — never from what the
// load generator believes happened:
//  - sent: load documents in the sender's outbox (AGR `agr_messages`, DSO `dso_limit_revisions`);
//  - effect at the core: `core_audit` decisions per (sender, mRID, revision);
//  - effect at the final receiver: a schedule revision is a series row in the DSO's
//    `dso_schedules` under the core's opaque mRID; a limit revision is the split read-back in the
//    DSO's `dso_limit_splits` plus the grant in every affected AGR/BRP's `agr_limits`;
//  - tracking: every `mades_sent` row of core, AGR and DSO (load, setup, acknowledgements,
//    forwards) must end RECEIVED or FAILED.
import type { Knex } from 'knex';
import { agrLimitId, dsoScheduleMrid, type ChaosWorld } from './chaos-world.js';
import type { LoadResult } from './load-driver.js';

export interface Stores {
  core: Knex;
  agr: Knex;
  dso: Knex;
}

export interface TrackingCounts {
  /** component → status → count */
  byStatus: Record<string, Record<string, number>>;
  notFinal: number;
  failed: number;
  /** What FAILED messages say: component, business type, reason, count, one detail. */
  failedReasons: Array<{ component: string; businessType: string; reason: string | null; count: number; detail: string | null }>;
  /** Messages a receiver refused (mades_received FAILED), per component and reason. */
  refusedAtReceivers: Array<{ component: string; reason: string | null; count: number }>;
}

export interface Reconciliation {
  /** Load documents the facades accepted (2xx, or confirmed by read-back after a retry). */
  accepted: number;
  acceptedVia: Record<string, number>;
  /** Load documents the client never got accepted: refused with a 4xx, or given up at the deadline. */
  notAccepted: Array<{ document: string; outcome: string; status?: number | undefined; problem?: unknown }>;
  /** Load documents in the senders' outboxes. */
  sent: number;
  /** In an outbox but never confirmed to the client (would be an effect nobody knows of). */
  sentNotAccepted: number;
  /** Accepted documents with their effect at the final receiver (distinct). */
  received: number;
  lost: number;
  lostSamples: Array<{ document: string; coreDecisions: Record<string, number>; senderStatus: string | undefined }>;
  /** Effects beyond one per document: at the core (audit) and at the final receiver. */
  duplicated: number;
  duplicatedAtCore: number;
  duplicatedAtReceiver: number;
  /** Accepted documents the core answered with a negative acknowledgement. */
  rejectedByCore: number;
  /** Resends the core recognised as already received (no second effect: the de-duplication working). */
  alreadyReceivedAtCore: number;
  /** Load documents whose tracked status at the sender is RECEIVED. */
  receivedStatusAtSender: number;
  tracking: TrackingCounts;
}

const docKey = (party: string, mrid: string, revision: number) => `${party}|${mrid}|${revision}`;

async function trackingCounts(stores: Stores): Promise<TrackingCounts> {
  const byStatus: TrackingCounts['byStatus'] = {};
  const failedReasons: TrackingCounts['failedReasons'] = [];
  const refusedAtReceivers: TrackingCounts['refusedAtReceivers'] = [];
  let notFinal = 0;
  let failed = 0;
  for (const [component, db] of Object.entries(stores)) {
    const rows = (await db('mades_sent').select('status').count({ n: '*' }).groupBy('status')) as Array<{ status: string; n: number | string }>;
    byStatus[component] = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    for (const r of rows) {
      if (r.status !== 'RECEIVED' && r.status !== 'FAILED') notFinal += Number(r.n);
      if (r.status === 'FAILED') failed += Number(r.n);
    }
    const f = (await db('mades_sent').where('status', 'FAILED').select('business_type', 'reason').count({ n: '*' }).min({ detail: 'detail' }).groupBy('business_type', 'reason')) as Array<{ business_type: string; reason: string | null; n: number | string; detail: string | null }>;
    for (const r of f) failedReasons.push({ component, businessType: r.business_type, reason: r.reason, count: Number(r.n), detail: r.detail });
    const refused = (await db('mades_received').where('status', 'FAILED').select('reason').count({ n: '*' }).groupBy('reason')) as Array<{ reason: string | null; n: number | string }>;
    for (const r of refused) refusedAtReceivers.push({ component, reason: r.reason, count: Number(r.n) });
  }
  return { byStatus, notFinal, failed, failedReasons, refusedAtReceivers };
}

/** Only the tracking part: cheap enough to poll while waiting for the platform to drain. */
export async function inFlight(stores: Stores): Promise<number> {
  let n = 0;
  for (const db of Object.values(stores)) {
    const row = (await db('mades_sent').whereNotIn('status', ['RECEIVED', 'FAILED']).count({ n: '*' }).first()) as { n: number | string } | undefined;
    n += Number(row?.n ?? 0);
  }
  return n;
}

export async function reconcile(world: ChaosWorld, results: LoadResult[], stores: Stores): Promise<Reconciliation> {
  // Core decisions per document revision.
  const core = new Map<string, Record<string, number>>();
  const audit = (await stores.core('core_audit').whereIn('business_type', ['schedule', 'capacity-limit']).select('party', 'document_mrid', 'revision', 'decision').count({ n: '*' }).groupBy('party', 'document_mrid', 'revision', 'decision')) as Array<{ party: string; document_mrid: string | null; revision: number | null; decision: string; n: number | string }>;
  for (const r of audit) {
    if (r.document_mrid === null || r.revision === null) continue;
    const k = docKey(r.party, r.document_mrid, Number(r.revision));
    const d = core.get(k) ?? {};
    d[r.decision] = (d[r.decision] ?? 0) + Number(r.n);
    core.set(k, d);
  }
  // Final receivers.
  const dsoRows = new Map<string, { rows: number; series: number }>();
  const ds = (await stores.dso('dso_schedules').select('document_mrid', 'revision').count({ n: '*' }).countDistinct({ s: 'series_mrid' }).groupBy('document_mrid', 'revision')) as Array<{ document_mrid: string; revision: number; n: number | string; s: number | string }>;
  for (const r of ds) dsoRows.set(`${r.document_mrid}|${Number(r.revision)}`, { rows: Number(r.n), series: Number(r.s) });
  const splits = new Set(((await stores.dso('dso_limit_splits').select('dso', 'limit_id', 'revision')) as Array<{ dso: string; limit_id: string; revision: number }>).map((r) => docKey(r.dso, r.limit_id, Number(r.revision))));
  const grants = new Map<string, number>();
  for (const r of (await stores.agr('agr_limits').select('party', 'limit_id', 'revision').count({ n: '*' }).groupBy('party', 'limit_id', 'revision')) as Array<{ party: string; limit_id: string; revision: number; n: number | string }>) {
    grants.set(docKey(r.party, r.limit_id, Number(r.revision)), Number(r.n));
  }
  // Senders' outboxes and tracked status.
  const sentStatus = new Map<string, string>();
  for (const r of (await stores.agr('agr_messages as m').join('mades_sent as s', 's.message_id', 'm.message_id').where('m.business_type', 'schedule').select('m.party', 'm.document_id', 'm.revision', 's.status')) as Array<{ party: string; document_id: string; revision: number; status: string }>) {
    sentStatus.set(docKey(r.party, r.document_id, Number(r.revision)), r.status);
  }
  for (const r of (await stores.dso('dso_limit_revisions as l').join('mades_sent as s', 's.message_id', 'l.message_id').select('l.dso', 'l.limit_id', 'l.revision', 's.status')) as Array<{ dso: string; limit_id: string; revision: number; status: string }>) {
    sentStatus.set(docKey(r.dso, r.limit_id, Number(r.revision)), r.status);
  }

  const out: Reconciliation = {
    accepted: 0,
    acceptedVia: {},
    notAccepted: [],
    sent: 0,
    sentNotAccepted: 0,
    received: 0,
    lost: 0,
    lostSamples: [],
    duplicated: 0,
    duplicatedAtCore: 0,
    duplicatedAtReceiver: 0,
    rejectedByCore: 0,
    alreadyReceivedAtCore: 0,
    receivedStatusAtSender: 0,
    tracking: await trackingCounts(stores),
  };
  for (const { item, result, documentId } of results) {
    const party = item.kind === 'schedule' ? item.asset.operator : item.limit.dso;
    const key = docKey(party, documentId, item.revision);
    const status = sentStatus.get(key);
    if (status !== undefined) out.sent++;
    if (status === 'RECEIVED') out.receivedStatusAtSender++;
    const decisions = core.get(key) ?? {};
    out.duplicatedAtCore += Math.max(0, (decisions.accepted ?? 0) - 1);
    out.alreadyReceivedAtCore += decisions['already-received'] ?? 0;
    let effects: number;
    if (item.kind === 'schedule') {
      const r = dsoRows.get(`${dsoScheduleMrid(item.asset, documentId)}|${item.revision}`);
      effects = r ? 1 : 0;
      out.duplicatedAtReceiver += r ? r.rows - r.series : 0;
    } else {
      const l = item.limit;
      const all = splits.has(key) && l.operators.every((op) => grants.has(docKey(op, agrLimitId(l, op), item.revision)));
      effects = all ? 1 : 0;
    }
    if (result.outcome !== 'accepted') {
      if (status !== undefined) out.sentNotAccepted++;
      out.notAccepted.push({ document: `${item.kind} ${documentId} r${item.revision}`, outcome: result.outcome, status: result.status, problem: result.problem });
      continue;
    }
    out.accepted++;
    out.acceptedVia[result.via!] = (out.acceptedVia[result.via!] ?? 0) + 1;
    if (decisions.rejected && !decisions.accepted) out.rejectedByCore++;
    if (effects > 0) out.received++;
    else {
      out.lost++;
      if (out.lostSamples.length < 10) out.lostSamples.push({ document: `${item.kind} ${party} ${documentId} r${item.revision}`, coreDecisions: decisions, senderStatus: status });
    }
  }
  out.duplicated = out.duplicatedAtCore + out.duplicatedAtReceiver;
  return out;
}
