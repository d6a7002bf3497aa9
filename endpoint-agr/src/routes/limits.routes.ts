// F7a: the capacity limits that concern the calling party — received in a time window, currently
// active, wait-for-new (long-poll) and a Server-Sent Events push channel. Every query is scoped
// to the token's party (NF3); waiters are woken by the hub, never by polling the store.
import type { Express } from 'express';
import { HttpProblem, type AbortSource } from '../../../packages/http/src/index.js';
import { clientGone, clientId, longPoll, parseInput, SharedAnswers, streamEvents, waitSeconds, WaiterHubFullError } from '../../../packages/rest/src/index.js';
import { windowQuerySchema } from '../mapping/rest-schemas.js';
import type { LimitView } from '../mapping/rest-types.js';
import { formatIsoUtc, parseIsoUtc } from '../mapping/time.js';
import { limitsKey, principal, type RouteContext } from './route-kit.js';

const STREAM = 'limits';
/** SSE sends a backlog in pages so one slow client never holds a huge result in memory. */
const SSE_PAGE = 200;

export function registerLimitRoutes(app: Express, ctx: RouteContext): void {
  app.get('/limits', ...ctx.auth, async (req, res) => {
    const w = parseInput(windowQuerySchema, req.query, 'query');
    const from = formatIsoUtc(parseIsoUtc(w.from)!);
    const to = formatIsoUtc(parseIsoUtc(w.to)!);
    res.json({ limits: await ctx.limits.receivedBetween(principal(res).party, from, to) });
  });

  app.get('/limits/active', ...ctx.auth, async (_req, res) => {
    res.json({ limits: await ctx.limits.active(principal(res).party, formatIsoUtc(ctx.now())) });
  });

  // Served in front of express (limits-wait.front.ts); this route takes what express alone routes
  // here (HEAD, a trailing slash, other letter cases, a request body): same contract.
  app.get('/limits/wait', ...ctx.auth, async (req, res) => {
    const timeoutS = waitSeconds(req.query.timeout, ctx.longPoll.defaultSeconds, ctx.longPoll.maxSeconds);
    const client = clientId(req.query.client);
    const { party, tokenId } = principal(res);
    const signal = clientGone(req, res);
    const w = await waitForLimits(ctx, party, tokenId, client, timeoutS, signal);
    if (signal.aborted) return; // nothing answered: the cursor stays, the client gets these next time
    waitAnswers.send(req, res, w.limits, limitsJson);
    if (w.seen > w.start) ctx.cursors.advanceAfterAnswer(res, tokenId, client, STREAM, w.seen);
  });

  app.get('/limits/events', ...ctx.auth, async (req, res) => {
    const { party } = principal(res);
    await parked(() =>
      streamEvents<LimitView>(req, res, {
        hub: ctx.hub,
        key: limitsKey(party),
        event: 'limit',
        heartbeatMs: ctx.sseHeartbeatMs,
        readAfter: (seq) => ctx.sseReads.read(limitsKey(party), seq, () => ctx.limits.after(party, seq, formatIsoUtc(ctx.now()), { max: SSE_PAGE })),
        seqOf: (l) => l.seq,
      }),
    );
  });
}

/** Waiters of one group get the same array: body, length and ETag are made once, not per waiter. */
export const waitAnswers = new SharedAnswers<LimitView[]>();
const NO_LIMITS: LimitView[] = [];
export const limitsJson = (limits: LimitView[]): string => JSON.stringify({ limits });
export const LIMITS_STREAM = STREAM;

/**
 * F7a wait-for-new: the limits after the caller's cursor, waiting on the hub until some arrive,
 * the timeout, or `signal`. `seen` is where the cursor may move once the answer has left.
 */
export async function waitForLimits(ctx: RouteContext, party: string, tokenId: number, client: string, timeoutS: number, signal: AbortSource): Promise<{ limits: LimitView[]; start: number; seen: number }> {
  const key = limitsKey(party);
  const start = await ctx.cursors.position(tokenId, client, STREAM);
  let seen = start;
  // Waiters of this party at the same cursor share one read (issue 14); the cursor moves past
  // expired revisions too, so a read may advance `seen` and still return nothing.
  const read = async (): Promise<LimitView[]> => {
    const from = seen;
    const { head, items } = await ctx.limitReads.read(key, from, () => ctx.limits.since(party, from, formatIsoUtc(ctx.now())));
    if (head <= from) return [];
    seen = head;
    return items;
  };
  // Not via parked(): one async frame, promise and closure fewer per parked request (issue 14).
  let limits: LimitView[];
  try {
    limits = await longPoll({ hub: ctx.hub, key, timeoutMs: timeoutS * 1000, signal, read });
  } catch (err) {
    throw hubFullProblem(err);
  }
  return { limits: limits.length === 0 ? NO_LIMITS : limits, start, seen };
}

/** The hub bounds how many requests may wait; beyond it, the client is told to come back. */
export async function parked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw hubFullProblem(err);
  }
}

function hubFullProblem(err: unknown): unknown {
  return err instanceof WaiterHubFullError ? new HttpProblem(503, 'SERVICE_UNAVAILABLE', 'too many waiting requests; retry shortly', {}, { cause: err }) : err;
}
