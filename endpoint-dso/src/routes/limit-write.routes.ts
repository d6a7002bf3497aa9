// F6b: send, update and cancel foreseen and unforeseen capacity limits. Everything is checked
// before anything is sent (400 naming the field): consistent intervals, non-negative integer
// watts, identifiers, and only assets / connection points on this DSO's grid.
import type { Express, Request, Response } from 'express';
import type { z } from 'zod';
import { HttpProblem, type ProblemFieldError } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import type { DsoContext } from '../deps.js';
import { resolveAffected } from '../limits/resolve-affected.js';
import { sendLimit, type LimitCommand, type StoredLimitBody } from '../limits/send-limit.js';
import { newDocumentId } from '../mapping/header.js';
import { checkForeseenTiming } from '../mapping/interval-rules.js';
import { foreseenLimitInput, unforeseenLimitInput, type AffectedInput, type ForeseenLimitInput, type UnforeseenLimitInput } from '../mapping/limit.input.js';
import { foreseenDocument, unforeseenDocument } from '../mapping/limit-document.js';
import { isoNow, parseIsoMinute } from '../mapping/time.js';
import type { LimitKind } from '../storage/limit.repository.js';
import { dsoAuth, dsoOf } from './auth.js';

interface KindRules<I extends { limitId?: string | undefined; revision?: number | undefined }> {
  kind: LimitKind;
  schema: z.ZodType<I>;
  items(input: I): AffectedInput[];
  listField: 'series' | 'signals';
  /** Time-axis checks; returns the body to store. */
  prepare(input: I, now: Date): { errors: ProblemFieldError[]; extra: Partial<StoredLimitBody> };
  build: LimitCommand['build'];
}

const foreseen: KindRules<ForeseenLimitInput> = {
  kind: 'foreseen',
  schema: foreseenLimitInput,
  items: (i) => i.series,
  listField: 'series',
  prepare: (i) => ({ errors: checkForeseenTiming(i), extra: {} }),
  build: (h, rev, status, body) => foreseenDocument(h, rev, status, body.request as ForeseenLimitInput, body.assetsPerItem),
};

const unforeseen: KindRules<UnforeseenLimitInput> = {
  kind: 'unforeseen',
  schema: unforeseenLimitInput,
  items: (i) => i.signals,
  listField: 'signals',
  prepare: (i, now) => {
    const start = i.start ?? isoNow(new Date(Math.floor(now.getTime() / 60_000) * 60_000));
    const errors = parseIsoMinute(start)! < parseIsoMinute(i.expectedEnd)! ? [] : [{ field: 'expectedEnd', message: `is not after the start ${start}` }];
    return { errors, extra: { start } };
  },
  build: (h, rev, status, body) => unforeseenDocument(h, rev, status, { ...(body.request as UnforeseenLimitInput), start: body.start! }, body.assetsPerItem),
};

function fail(errors: ProblemFieldError[]): never {
  throw HttpProblem.badRequest(`invalid request body: ${errors[0]!.field}: ${errors[0]!.message}`, errors);
}

function revisionQuery(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,2}$/.test(raw)) fail([{ field: 'revision', message: 'must be a whole number from 1 to 999' }]);
  return Number(raw);
}

function register<I extends { limitId?: string | undefined; revision?: number | undefined }>(app: Express, ctx: DsoContext, rules: KindRules<I>): void {
  const auth = dsoAuth(ctx);
  const base = `/capacity-limits/${rules.kind}`;

  async function write(req: Request, res: Response, mode: 'create' | 'update', limitIdFromPath?: string) {
    const dso = dsoOf(res);
    const input = parseInput(rules.schema, req.body);
    if (mode === 'update') {
      if (input.revision === undefined) fail([{ field: 'revision', message: 'an update names its new revision' }]);
      if (input.limitId !== undefined && input.limitId !== limitIdFromPath) fail([{ field: 'limitId', message: 'differs from the limit in the path' }]);
    }
    const prepared = rules.prepare(input, ctx.now());
    if (prepared.errors.length) fail(prepared.errors);
    const affected = await resolveAffected(ctx, dso, rules.items(input), rules.listField);
    if (affected.errors.length) fail(affected.errors);
    const { limitId, revision, ...request } = input;
    const sent = await sendLimit(ctx, dso, {
      mode,
      kind: rules.kind,
      limitId: limitIdFromPath ?? limitId ?? newDocumentId(),
      revision,
      body: { request, assetsPerItem: affected.assetsPerItem, ...prepared.extra },
      build: rules.build,
    });
    res.status(sent.alreadySubmitted ? 200 : 202).json(sent);
  }

  app.post(base, ...auth, (req, res) => write(req, res, 'create'));
  app.put(`${base}/:limitId`, ...auth, (req, res) => write(req, res, 'update', String(req.params.limitId)));
  app.delete(`${base}/:limitId`, ...auth, async (req, res) => {
    const sent = await sendLimit(ctx, dsoOf(res), { mode: 'cancel', kind: rules.kind, limitId: String(req.params.limitId), revision: revisionQuery(req.query.revision), build: rules.build });
    res.status(sent.alreadySubmitted ? 200 : 202).json(sent);
  });
}

export function registerLimitWriteRoutes(app: Express, ctx: DsoContext): void {
  register(app, ctx, foreseen);
  register(app, ctx, unforeseen);
}
