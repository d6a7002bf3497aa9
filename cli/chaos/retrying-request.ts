// One load document through its REST facade, retried until the facade gives an answer. A request
// that got no answer (the endpoint was SIGKILLed, the connection reset) may or may not have been
// committed; the retry carries the same identity (document mRID + revision), so the facade either
// commits it now or recognises it:
//  - DSO limits: an exact retry of a revision is answered 200 `alreadySubmitted` (endpoint-dso).
//  - AGR schedules: the facade has no such answer; a retry of a committed revision is 409 (not
//    after the current revision). Then the schedule is read back: if it stands at exactly this
//    revision with this content, the first attempt was committed and counts as accepted.
import { RestError, type RestClient } from '../../packages/scenarios/src/index.js';
import { schedulePowerW } from './chaos-world.js';

export interface Attempted {
  outcome: 'accepted' | 'refused' | 'gave-up';
  /** How acceptance was learnt: the facade's 2xx, its "already submitted" 200, or the read-back after a 409. */
  via?: 'answer' | 'already-submitted' | 'read-back';
  messageId?: string;
  attempts: number;
  /** Refused: the last status and problem. */
  status?: number;
  problem?: unknown;
}

export interface DocumentRequest {
  client: RestClient;
  method: 'PUT';
  path: string;
  body: { revision?: number; assets?: unknown[] } & Record<string, unknown>;
  /** Schedules only: how to read the document back after a 409. */
  readBack?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The endpoint's process is not there: nothing can have been committed by this attempt. */
function refusedConnection(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
}

export async function sendWithRetry(req: DocumentRequest, deadline: number): Promise<Attempted> {
  let uncertain = false;
  let attempts = 0;
  let backoff = 100;
  while (Date.now() < deadline) {
    attempts++;
    try {
      const answer = await req.client.call<{ messageId: string; alreadySubmitted?: boolean }>(req.method, req.path, req.body, [200, 202]);
      return { outcome: 'accepted', via: answer.alreadySubmitted ? 'already-submitted' : 'answer', messageId: answer.messageId, attempts };
    } catch (err) {
      if (!(err instanceof RestError)) {
        // No answer: transport error. Retry with the same identity.
        uncertain ||= !refusedConnection(err);
      } else if (err.status >= 500 || err.status === 429) {
        uncertain = true;
      } else if (err.status === 409 && uncertain && req.readBack) {
        const stored = await readBack(req, deadline);
        if (stored && stored.revision === req.body.revision && schedulePowerW(stored) === schedulePowerW(req.body as { assets: unknown[] })) {
          return { outcome: 'accepted', via: 'read-back', messageId: stored.messageId, attempts };
        }
        return { outcome: 'refused', attempts, status: err.status, problem: { conflict: err.body, storedRevision: stored?.revision } };
      } else {
        return { outcome: 'refused', attempts, status: err.status, problem: err.body };
      }
    }
    await sleep(backoff);
    backoff = Math.min(2000, backoff * 2);
  }
  return { outcome: 'gave-up', attempts };
}

async function readBack(req: DocumentRequest, deadline: number): Promise<{ revision: number; messageId: string; assets: unknown[] } | undefined> {
  while (Date.now() < deadline) {
    try {
      return await req.client.get<{ revision: number; messageId: string; assets: unknown[] }>(req.readBack!);
    } catch {
      await sleep(500);
    }
  }
  return undefined;
}
