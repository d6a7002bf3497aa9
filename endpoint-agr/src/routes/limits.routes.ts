// F7a: the capacity limits that concern the calling party — received in a time window, currently
// active, wait-for-new (long-poll) and a Server-Sent Events push channel. Every query is scoped
// to the token's party (NF3); waiters are woken by the hub, never by polling the store.
import type { Express } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { clientGone, clientId, longPoll, parseInput, streamEvents, waitSeconds, WaiterHubFullError } from '../../../packages/rest/src/index.js';
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

  app.get('/limits/wait', ...ctx.auth, async (req, res) => {
    const timeoutS = waitSeconds(req.query.timeout, ctx.longPoll.defaultSeconds, ctx.longPoll.maxSeconds);
    const client = clientId(req.query.client);
    const { party, tokenId } = principal(res);
    const signal = clientGone(req, res);
    const read = async (): Promise<LimitView[]> => {
      const seen = await ctx.cursors.position(tokenId, client, STREAM);
      const upTo = await ctx.limits.maxSeq(party);
      if (upTo <= seen) return [];
      const fresh = await ctx.limits.after(party, seen, formatIsoUtc(ctx.now()), { upTo });
      // Expired ones are skipped but still passed: the cursor moves to the newest seq read.
      await ctx.cursors.advance(tokenId, client, STREAM, upTo);
      return fresh;
    };
    const limits = await parked(() => longPoll({ hub: ctx.hub, key: limitsKey(party), timeoutMs: timeoutS * 1000, signal, read }));
    if (!signal.aborted) res.json({ limits });
  });

  app.get('/limits/events', ...ctx.auth, async (req, res) => {
    const { party } = principal(res);
    await parked(() =>
      streamEvents<LimitView>(req, res, {
        hub: ctx.hub,
        key: limitsKey(party),
        event: 'limit',
        heartbeatMs: ctx.sseHeartbeatMs,
        readAfter: (seq) => ctx.limits.after(party, seq, formatIsoUtc(ctx.now()), { max: SSE_PAGE }),
        seqOf: (l) => l.seq,
      }),
    );
  });
}

/** The hub bounds how many requests may wait; beyond it, the client is told to come back. */
async function parked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WaiterHubFullError) throw new HttpProblem(503, 'SERVICE_UNAVAILABLE', 'too many waiting requests; retry shortly', {}, { cause: err });
    throw err;
  }
}
