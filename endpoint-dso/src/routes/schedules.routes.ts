// F9b: operational schedules for assets on this DSO's grid (NF3: no operator identity — the core
// regroups them per DSO and signs as itself), by request or by waiting for new ones, and pushed
// over Server-Sent Events.
import type { Express } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { longPoll, parseInput, principalOf, streamEvents } from '../../../packages/rest/src/index.js';
import { wakeKey, type DsoContext } from '../deps.js';
import { dsoHeader, newDocumentId } from '../mapping/header.js';
import { assetId, queryList, uniqueList } from '../mapping/identifiers.js';
import { intervalToWire, isoInterval, isoMinute, isoNow, parseIsoMinute } from '../mapping/time.js';
import { sendToCore } from '../outbound.js';
import { dsoAuth, dsoOf } from './auth.js';
import { longPollParams } from './long-poll-params.js';

const STREAM = 'dso-schedules';
const MAX_ASSETS = 10_000;

const scheduleQuery = z.strictObject({
  assetIds: uniqueList(assetId, MAX_ASSETS).optional(),
  from: isoMinute.optional(),
  to: isoMinute.optional(),
});
const refreshBody = z.strictObject({ assetIds: uniqueList(assetId, MAX_ASSETS).optional(), interval: isoInterval.optional() });

export function registerScheduleRoutes(app: Express, ctx: DsoContext): void {
  const auth = dsoAuth(ctx);
  const { schedules, assets, cursors } = ctx.stores;

  /** F9b: only assets on this DSO's grid; every other one is named. */
  async function checkOnGrid(dso: string, ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const onGrid = new Set((await assets.findMany(ctx.db, dso, ids)).map((a) => a.assetId));
    const errors = ids.flatMap((id, i) => (onGrid.has(id) ? [] : [{ field: `assetIds.${i}`, message: `${id} is not an asset on this DSO's grid` }]));
    if (errors.length) throw HttpProblem.badRequest(errors[0]!.message, errors);
  }

  app.get('/schedules', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const raw = { assetIds: queryList(req.query.assetIds), from: req.query.from, to: req.query.to };
    const q = parseInput(scheduleQuery, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)), 'query');
    if (q.from && q.to && parseIsoMinute(q.from)! >= parseIsoMinute(q.to)!) throw HttpProblem.badRequest('from is not before to', [{ field: 'to', message: 'not after from' }]);
    await checkOnGrid(dso, q.assetIds);
    // Stored times have one fixed form, so normalise before comparing.
    const norm = (t: string | undefined) => (t === undefined ? undefined : isoNow(new Date(parseIsoMinute(t)!)));
    const found = await schedules.current(ctx.db, dso, { assetIds: q.assetIds, from: norm(q.from), to: norm(q.to) });
    res.json({ schedules: found });
  });

  // Wait for new: blocks until a schedule arrives after what this token+client last received.
  app.get('/schedules/new', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const { tokenId } = principalOf(res);
    const { timeoutMs, client, signal } = longPollParams(ctx, req, res);
    const after = await cursors.position(tokenId, client, STREAM);
    const items = await longPoll({ hub: ctx.hub, key: wakeKey(dso, 'schedules'), timeoutMs, signal, read: () => schedules.receivedAfter(ctx.db, dso, after) });
    const last = items.at(-1);
    if (last) await cursors.advance(tokenId, client, STREAM, last.sequence);
    if (!res.writableEnded) res.json({ schedules: items });
  });

  // Push channel: the same items as /schedules/new, resumable with Last-Event-ID.
  app.get('/schedules/events', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    await streamEvents(req, res, {
      hub: ctx.hub,
      key: wakeKey(dso, 'schedules'),
      event: 'schedule',
      heartbeatMs: ctx.sseHeartbeatMs,
      readAfter: (seq) => schedules.receivedAfter(ctx.db, dso, seq),
      seqOf: (s) => s.sequence,
    });
  });

  // By request (F9): a StatusRequest for schedules; the core's answer arrives as new schedules.
  app.post('/schedules/refresh', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const body = parseInput(refreshBody, req.body ?? {});
    await checkOnGrid(dso, body.assetIds);
    if (body.interval && parseIsoMinute(body.interval.start)! >= parseIsoMinute(body.interval.end)!) {
      throw HttpProblem.badRequest('interval start is not before end', [{ field: 'interval', message: 'start is not before end' }]);
    }
    const mRID = newDocumentId();
    const document = {
      ...dsoHeader(dso, ctx.coreParty, mRID, ctx.now()),
      requested: 'schedules' as const,
      assetIds: body.assetIds ?? [],
      ...(body.interval ? { interval: intervalToWire(body.interval) } : {}),
    };
    const messageId = await ctx.db.transaction((trx) => sendToCore(ctx, trx, dso, { kind: 'status-request', document }));
    res.status(202).json({ messageId, documentId: mRID });
  });
}
