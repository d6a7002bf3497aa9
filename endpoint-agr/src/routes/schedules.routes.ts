// F8b: send, update and cancel operational schedules for one or more assets. Each call is one
// GL_MarketDocument revision: send = revision 1, update = next revision of the same mRID,
// cancel = next revision with every series cancelled. Revisions only move forward.
import type { Express, Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { HttpProblem, type ProblemFieldError } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import { buildSchedule } from '../../../packages/iec62325/src/index.js';
import { MAX_REVISION, scheduleRequestSchema, windowQuerySchema, type ScheduleRequest } from '../mapping/rest-schemas.js';
import { newDocumentId, periodOf, scheduleDocument } from '../mapping/outbound-documents.js';
import type { ScheduleAsset, ScheduleReceipt, ScheduleView } from '../mapping/rest-types.js';
import { formatIsoUtc, parseIsoUtc } from '../mapping/time.js';
import { sendToCore } from '../outbox.js';
import { isRegistered } from '../storage/asset.repository.js';
import { principal, type RouteContext } from './route-kit.js';

const scheduleIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,60}$/, 'must be a schedule ID as returned when the schedule was sent');

export function registerScheduleRoutes(app: Express, ctx: RouteContext): void {
  app.get('/schedules', ...ctx.auth, async (req, res) => {
    const hasWindow = req.query.from !== undefined || req.query.to !== undefined;
    const window = hasWindow ? parseInput(windowQuerySchema, req.query, 'query') : undefined;
    const w = window && { from: formatIsoUtc(parseIsoUtc(window.from)!), to: formatIsoUtc(parseIsoUtc(window.to)!) };
    res.json({ schedules: await ctx.schedules.list(principal(res).party, w) });
  });

  app.get('/schedules/:scheduleId', ...ctx.auth, async (req, res) => {
    const id = parseInput(scheduleIdSchema, req.params.scheduleId, 'scheduleId');
    const s = await ctx.schedules.get(principal(res).party, id);
    if (!s) throw HttpProblem.notFound(`no schedule ${id} sent by this party`);
    res.json(s);
  });

  app.post('/schedules', ...ctx.auth, async (req, res) => {
    const body = parseInput(scheduleRequestSchema, req.body);
    if (body.revision !== undefined) throw HttpProblem.badRequest('revision: a new schedule is revision 1', [{ field: 'revision', message: 'not allowed when sending a new schedule' }]);
    await write(ctx, res, undefined, body);
  });

  app.put('/schedules/:scheduleId', ...ctx.auth, async (req, res) => {
    const id = parseInput(scheduleIdSchema, req.params.scheduleId, 'scheduleId');
    await write(ctx, res, id, parseInput(scheduleRequestSchema, req.body));
  });

  app.delete('/schedules/:scheduleId', ...ctx.auth, async (req, res) => {
    const id = parseInput(scheduleIdSchema, req.params.scheduleId, 'scheduleId');
    await write(ctx, res, id, 'cancel');
  });
}

/** One revision: validate against the party's assets, send, store; all in one transaction. */
async function write(ctx: RouteContext, res: Response, scheduleId: string | undefined, change: ScheduleRequest | 'cancel'): Promise<void> {
  const party = principal(res).party;
  const now = ctx.now();
  const at = formatIsoUtc(now);
  const receipt = await ctx.db.transaction(async (trx): Promise<ScheduleReceipt> => {
    const current = scheduleId === undefined ? undefined : await ctx.schedules.get(party, scheduleId, trx);
    if (scheduleId !== undefined && !current) throw HttpProblem.notFound(`no schedule ${scheduleId} sent by this party`);
    if (current?.status === 'cancelled') throw HttpProblem.conflict(`schedule ${current.scheduleId} is cancelled; send a new one`);
    const revision = nextRevision(current, change);
    const assets: ScheduleAsset[] = change === 'cancel' ? current!.assets : change.assets.map(normalise);
    if (change !== 'cancel') await checkOwnAssets(ctx, trx, party, assets);
    const id = current?.scheduleId ?? newDocumentId('sch');
    const period = change === 'cancel' ? current!.period : periodOf(change.assets);
    const kept = new Set(change === 'cancel' ? [] : assets.map((a) => a.assetId));
    const withdrawn = (current?.assets ?? []).map((a) => a.assetId).filter((a) => !kept.has(a));
    const doc = scheduleDocument({ party, coreParty: ctx.coreParty }, { scheduleId: id, revision, period, assets: change === 'cancel' ? [] : change.assets, withdrawn }, now);
    const messageId = await sendToCore(trx, ctx.messenger, ctx.messages, { businessType: 'schedule', party, documentId: id, revision, build: () => buildSchedule(doc) }, at);
    const status = change === 'cancel' ? 'cancelled' : 'active';
    const view: ScheduleView = { scheduleId: id, revision, status, period, assets, messageId, outcome: 'PENDING', reasons: [], updatedAt: at };
    if (!current) await ctx.schedules.insert(trx, party, view);
    else if (!(await ctx.schedules.advance(trx, party, current.revision, view))) {
      throw HttpProblem.conflict(`schedule ${id} was revised concurrently; read it and try again`);
    }
    return { scheduleId: id, revision, status, messageId };
  });
  res.status(202).location(`/schedules/${encodeURIComponent(receipt.scheduleId)}`).json(receipt);
}

/** Stored and shown in the one output time format, whatever ISO form the client used (the schema produced it). */
function normalise(a: ScheduleRequest['assets'][number]): ScheduleAsset {
  return { assetId: a.assetId, resolution: a.resolution, intervals: a.intervals.map((iv) => ({ start: iv.start.iso, end: iv.end.iso, powerW: iv.powerW })) };
}

/** Forward only: the client may name the next revision, but never one at or below the current. */
function nextRevision(current: ScheduleView | undefined, change: ScheduleRequest | 'cancel'): number {
  if (!current) return 1;
  const wanted = change !== 'cancel' && change.revision !== undefined ? change.revision : current.revision + 1;
  if (wanted <= current.revision) {
    throw HttpProblem.conflict(`revision ${wanted} is not after the current revision ${current.revision}`, { errors: [{ field: 'revision', message: `must be greater than ${current.revision}` }] });
  }
  if (wanted > MAX_REVISION) throw HttpProblem.conflict(`schedule ${current.scheduleId} has reached revision ${MAX_REVISION}; send a new one`);
  return wanted;
}

/** A schedule may only name assets this party has registered (NF3: no foreign asset IDs). */
async function checkOwnAssets(ctx: RouteContext, trx: Knex.Transaction, party: string, assets: ScheduleAsset[]): Promise<void> {
  const own = await ctx.assets.find(trx, party, assets.map((a) => a.assetId));
  const errors: ProblemFieldError[] = [];
  assets.forEach((a, i) => {
    const row = own.get(a.assetId);
    if (!row || !isRegistered(row)) errors.push({ field: `assets.${i}.assetId`, message: `asset ${a.assetId} is not registered by this party` });
  });
  if (errors.length > 0) throw HttpProblem.badRequest(`${errors[0]!.field}: ${errors[0]!.message}`, errors);
}
