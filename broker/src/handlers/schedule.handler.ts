// F8a: an AGR/BRP schedule is stored, then regrouped one document per DSO — only the series of
// assets on that DSO's grid, sender replaced by the TPS party, opaque mRIDs (NF3) — and pushed.
// A new revision replaces the document's series: each DSO concerned before or now gets the same
// revision number; series it no longer receives are sent as cancelled, and a DSO left with none
// gets a document of only cancelled series (the cancellation).
import { runRules } from '../domain/rule.js';
import { SCHEDULE_RULES } from '../domain/rule-sets.js';
import { opaqueId } from '../domain/opaque-id.js';
import { toDsoSeries } from '../domain/schedule-view.js';
import type { StoredScheduleSeries } from '../domain/types.js';
import { buildSchedule, MARKET_ROLE, type ScheduleDocument, type ScheduleSeries } from '../outgoing/wire.js';
import type { HandlerContext } from './context.js';
import { documentLookups } from './document-lookups.js';
import { rejected, type HandlerResult } from './result.js';

/** What was last sent to one DSO for one AGR document: series mRIDs (opaque) and their assets. */
interface SentSeries {
  series: Array<{ mRID: string; assetId: string }>;
}

export async function handleSchedule(ctx: HandlerContext, doc: ScheduleDocument): Promise<HandlerResult> {
  const operator = ctx.received.senderParty;
  const { schedules, forwards } = ctx.repos;
  // The rules and the routing below ask for the same assets and connection points: read them once.
  const registry = await documentLookups(ctx.repos.registry, doc.series.map((s) => s.assetId));
  const failure = await runRules(SCHEDULE_RULES, { sender: operator, doc }, registry);
  if (failure) return rejected(failure);

  const stored: StoredScheduleSeries[] = [];
  for (const s of doc.series) {
    if (s.cancelled) continue;
    stored.push({
      operator,
      documentMrid: doc.mRID,
      seriesMrid: s.mRID,
      assetId: s.assetId,
      resolution: s.resolution,
      start: s.interval.start,
      end: s.interval.end,
      pointsW: s.pointsW,
      revision: doc.revisionNumber,
      updatedAt: ctx.now,
    });
  }
  await schedules.replaceDocument(operator, doc.mRID, stored);

  // Route each series to the DSO owning its asset's connection point (if any DSO registered it).
  const byDso = new Map<string, ScheduleSeries[]>();
  let unrouted = 0;
  for (const s of stored) {
    const asset = await registry.findAsset(s.assetId);
    const dso = asset ? await registry.findConnectionPointOwner(asset.connectionPoint) : undefined;
    if (!dso) {
      unrouted++;
      continue;
    }
    byDso.set(dso, [...(byDso.get(dso) ?? []), toDsoSeries(s)]);
  }

  const key = { originKind: 'schedule', originSender: operator, originMrid: doc.mRID };
  // A first revision has no forwards to read (HandlerContext.firstOfDocument).
  const sentBefore = ctx.firstOfDocument ? [] : await forwards.ofOrigin<SentSeries>(key);
  const previous = new Map(sentBefore.filter((f) => !f.cancelled).map((f) => [f.receiver, f]));
  const receivers = [...new Set([...byDso.keys(), ...previous.keys()])].sort();
  for (const dso of receivers) {
    const active = byDso.get(dso) ?? [];
    const activeIds = new Set(active.map((s) => s.mRID));
    const withdrawn: ScheduleSeries[] = (previous.get(dso)?.content.series ?? [])
      .filter((s) => !activeIds.has(s.mRID))
      .map((s) => ({ mRID: s.mRID, assetId: s.assetId, cancelled: true }));
    const outMrid = opaqueId('GL', operator, doc.mRID, dso);
    const xml = buildSchedule({
      mRID: outMrid,
      // The AGR's revisions only move forward, and each causes at most one revision per DSO.
      revisionNumber: doc.revisionNumber,
      createdDateTime: ctx.now,
      sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
      receiver: { mRID: dso, role: MARKET_ROLE.dso },
      period: doc.period,
      unit: doc.unit,
      series: [...active, ...withdrawn],
    });
    await ctx.send(dso, 'schedule', xml, { mrid: outMrid });
    await forwards.save<SentSeries>(
      key,
      { receiver: dso, outMrid, revision: doc.revisionNumber, content: { series: active.map((s) => ({ mRID: s.mRID, assetId: s.assetId })) }, cancelled: active.length === 0 },
      ctx.now,
    );
  }
  return { kind: 'accepted', detail: { series: stored.length, unrouted, dsos: receivers } };
}
