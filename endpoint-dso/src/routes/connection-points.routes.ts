// F4c: a DSO sets, gets, updates and removes its connection points, one or more per call. Each
// change is one ConnectionPointRegistration document to the core; a point is 'pending' until the
// core acknowledges it ('registered') or rejects it, e.g. as another DSO's point ('rejected').
import type { Express } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import type { DsoContext } from '../deps.js';
import { connectionPointId, queryList, uniqueList } from '../mapping/identifiers.js';
import { dsoHeader, newDocumentId } from '../mapping/header.js';
import { isoNow } from '../mapping/time.js';
import { sendToCore } from '../outbound.js';
import type { ConnectionPoint } from '../storage/connection-point.repository.js';
import { dsoAuth, dsoOf } from './auth.js';

const MAX_POINTS = 10_000;
const pointsBody = z.strictObject({ connectionPointIds: uniqueList(connectionPointId, MAX_POINTS) });
const replaceBody = z.strictObject({ connectionPointIds: z.array(connectionPointId).max(MAX_POINTS) });

function view(p: ConnectionPoint) {
  return { connectionPointId: p.connectionPoint, state: p.state, reasons: p.reasons, documentId: p.documentMrid, updatedAt: p.updatedAt };
}

export function registerConnectionPointRoutes(app: Express, ctx: DsoContext): void {
  const auth = dsoAuth(ctx);
  const { points } = ctx.stores;

  /** Sends one registration document with these additions and removals; returns its message. */
  async function change(dso: string, add: string[], remove: string[]) {
    const held = await points.heldByOthers(ctx.db, dso, add);
    if (held.length) throw HttpProblem.conflict(`connection points registered by another DSO: ${held.join(', ')}`, { connectionPointIds: held });
    const now = ctx.now();
    const mRID = newDocumentId();
    return ctx.db.transaction(async (trx) => {
      const document = {
        ...dsoHeader(dso, ctx.coreParty, mRID, now),
        revisionNumber: 1,
        dso,
        connectionPoints: [...add.map((cp) => ({ connectionPoint: cp, action: 'add' as const })), ...remove.map((cp) => ({ connectionPoint: cp, action: 'remove' as const }))],
      };
      const messageId = await sendToCore(ctx, trx, dso, { kind: 'connection-point-registration', document });
      await points.upsertPending(trx, dso, add, mRID, isoNow(now));
      await points.remove(trx, dso, remove);
      return { messageId, documentId: mRID, added: add, removed: remove };
    });
  }

  app.get('/connection-points', ...auth, async (_req, res) => {
    res.json({ connectionPoints: (await points.list(ctx.db, dsoOf(res))).map(view) });
  });

  app.get('/connection-points/:connectionPointId', ...auth, async (req, res) => {
    const p = await points.get(ctx.db, dsoOf(res), String(req.params.connectionPointId));
    if (!p) throw HttpProblem.notFound(`no connection point ${req.params.connectionPointId} on this DSO's grid`);
    res.json(view(p));
  });

  // Set: add one or more points (re-adding one of your own is harmless and re-registers it).
  app.post('/connection-points', ...auth, async (req, res) => {
    const body = parseInput(pointsBody, req.body);
    res.status(202).json(await change(dsoOf(res), body.connectionPointIds, []));
  });

  // Update: the body is the complete set; missing points are removed, new ones added.
  app.put('/connection-points', ...auth, async (req, res) => {
    const body = parseInput(replaceBody, req.body);
    const dso = dsoOf(res);
    const wanted = new Set(body.connectionPointIds);
    const have = new Set((await points.list(ctx.db, dso)).filter((p) => p.state !== 'rejected').map((p) => p.connectionPoint));
    const add = [...wanted].filter((cp) => !have.has(cp)).sort();
    const remove = [...have].filter((cp) => !wanted.has(cp)).sort();
    if (add.length === 0 && remove.length === 0) return void res.json({ messageId: null, documentId: null, added: [], removed: [] });
    res.status(202).json(await change(dso, add, remove));
  });

  // Remove one or more: ?connectionPointIds=a,b. Points that are not this DSO's are named (400).
  app.delete('/connection-points', ...auth, async (req, res) => {
    const ids = queryList(req.query.connectionPointIds) ?? [];
    const body = parseInput(pointsBody, { connectionPointIds: ids }, 'query');
    const dso = dsoOf(res);
    const own = new Set((await points.list(ctx.db, dso)).map((p) => p.connectionPoint));
    const errors = body.connectionPointIds.flatMap((cp, i) => (own.has(cp) ? [] : [{ field: `connectionPointIds.${i}`, message: `${cp} is not a connection point of this DSO` }]));
    if (errors.length) throw HttpProblem.badRequest(errors[0]!.message, errors);
    res.status(202).json(await change(dso, [], body.connectionPointIds));
  });

  app.delete('/connection-points/:connectionPointId', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const cp = String(req.params.connectionPointId);
    if (!(await points.get(ctx.db, dso, cp))) throw HttpProblem.notFound(`no connection point ${cp} on this DSO's grid`);
    res.status(202).json(await change(dso, [], [cp]));
  });
}
