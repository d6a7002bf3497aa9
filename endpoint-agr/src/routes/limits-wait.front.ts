// GET /limits/wait served in front of express (issue 14: 10,000 parked waiters per process). The
// contract is the express route's (limits.routes.ts), step for step: rate limit (same buckets),
// party token (hashed lookup), a party this endpoint represents, `timeout`/`client` validation,
// the shared wait, one shared body + ETag per woken group, the cursor moved only after the answer
// left, problem+json errors — what differs is only the per-request machinery (front-route.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FrontExchange, serveInFront, type FrontPlumbing } from '../../../packages/http/src/index.js';
import { authenticate, clientId, waitSeconds, type Admission, type LongPollListener, type RestRateLimit } from '../../../packages/rest/src/index.js';
import type { LimitView } from '../mapping/rest-types.js';
import { LIMITS_STREAM, LimitsWait, limitsJson, waitAnswers } from './limits.routes.js';
import { requireServed, type RouteContext } from './route-kit.js';

const PATH = '/limits/wait';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A wait in progress: what its answer and its 'close' need, kept in fields (no per-request
 * closures); parked, it is the long-poll's listener (no promise or async function per request).
 */
class WaitExchange extends FrontExchange implements LongPollListener<LimitView> {
  admission: Admission | undefined;
  /** Set once the cursor is read: the wait, and whose cursor it is. */
  wait: LimitsWait | undefined;
  tokenId = 0;
  client = '';
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

  polled(limits: LimitView[]): void {
    try {
      const w = this.wait!;
      if (w.signal.aborted) return; // nothing answered: the cursor stays, the client gets these next time
      const answer = waitAnswers.prepare(limits, limitsJson, (body) => this.etagOf(body as Buffer));
      if (w.seen > w.start) this.move = { tokenId: this.tokenId, client: this.client, position: w.seen };
      this.send(200, JSON_TYPE, answer.body, answer.etag);
    } catch (err) {
      this.fail(err);
    }
  }

  failed(err: unknown): void {
    this.fail(err);
  }

  protected override settled(finished: boolean): void {
    if (this.admission) this.limiter.settle(this.admission, finished, this.res.statusCode);
    if (finished && this.move) this.ctx.cursors.advance(this.move.tokenId, this.move.client, LIMITS_STREAM, this.move.position);
  }
}

export function serveLimitsWaitInFront(plumbing: FrontPlumbing, ctx: RouteContext, limiter: RestRateLimit): void {
  serveInFront(plumbing.app, PATH, (req, res) => void wait(new WaitExchange(plumbing, req, res, ctx, limiter), ctx, limiter));
}

/** Up to the cursor read; then the exchange is handed the limits by the long-poll (`polled`). */
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
    ex.client = clientId(query.client);
    ex.tokenId = tokenId;
    ex.wait = await LimitsWait.open(ctx, party, tokenId, ex.client, timeoutS, ex.signal);
    ex.wait.poll(ex);
  } catch (err) {
    ex.fail(err);
  }
}
