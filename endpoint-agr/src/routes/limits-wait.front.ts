// GET /limits/wait served in front of express (issue 14: 10,000 parked waiters per process). The
// contract is the express route's (limits.routes.ts), step for step: rate limit (same buckets),
// party token (hashed lookup), a party this endpoint represents, `timeout`/`client` validation,
// the shared wait, one shared body + ETag per woken group, the cursor moved only after the answer
// left, problem+json errors — what differs is only the per-request machinery (front-route.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FrontExchange, serveInFront, type FrontPlumbing } from '../../../packages/http/src/index.js';
import { authenticate, clientId, waitSeconds, type Admission, type RestRateLimit } from '../../../packages/rest/src/index.js';
import { LIMITS_STREAM, limitsJson, waitAnswers, waitForLimits } from './limits.routes.js';
import { requireServed, type RouteContext } from './route-kit.js';

const PATH = '/limits/wait';
const JSON_TYPE = 'application/json; charset=utf-8';

/** A wait in progress: what its 'close' needs, kept in fields (no per-request closures). */
class WaitExchange extends FrontExchange {
  admission: Admission | undefined;
  /** Set once an answer with new limits is written: the cursor moves when it has left. */
  move: { tokenId: number; client: string; position: number } | undefined;

  constructor(
    plumbing: FrontPlumbing,
    req: IncomingMessage,
    res: ServerResponse,
    private readonly ctx: RouteContext,
    private readonly limiter: RestRateLimit,
  ) {
    super(plumbing, req, res, PATH);
  }

  protected override settled(finished: boolean): void {
    if (this.admission) this.limiter.settle(this.admission, finished, this.res.statusCode);
    if (finished && this.move) this.ctx.cursors.advance(this.move.tokenId, this.move.client, LIMITS_STREAM, this.move.position);
  }
}

export function serveLimitsWaitInFront(plumbing: FrontPlumbing, ctx: RouteContext, limiter: RestRateLimit): void {
  serveInFront(plumbing.app, PATH, (req, res) => void wait(new WaitExchange(plumbing, req, res, ctx, limiter), ctx, limiter));
}

async function wait(ex: WaitExchange, ctx: RouteContext, limiter: RestRateLimit): Promise<void> {
  try {
    ex.admission = await limiter.admit(ex.req.headers.authorization, ex.ip, ex.headers);
    if (ex.admission.refused) {
      ex.route = 'unmatched'; // express refuses before routing
      throw ex.admission.refused;
    }
    const { party, tokenId } = await authenticate(ctx.tokens, ['AGR'], ex.req.headers.authorization);
    requireServed(ctx.messenger, party);
    const query = ex.query();
    const timeoutS = waitSeconds(query.timeout, ctx.longPoll.defaultSeconds, ctx.longPoll.maxSeconds);
    const client = clientId(query.client);
    const signal = ex.signal;
    const w = await waitForLimits(ctx, party, tokenId, client, timeoutS, signal);
    if (signal.aborted) return; // nothing answered: the cursor stays, the client gets these next time
    const answer = waitAnswers.prepare(w.limits, limitsJson, (body) => ex.etagOf(body as Buffer));
    if (w.seen > w.start) ex.move = { tokenId, client, position: w.seen };
    ex.send(200, JSON_TYPE, answer.body, answer.etag);
  } catch (err) {
    ex.fail(err);
  }
}
