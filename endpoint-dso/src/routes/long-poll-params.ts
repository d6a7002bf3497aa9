// The shared long-poll parameters (?timeout= seconds, ?client=) as every facade reads them.
import type { Request, Response } from 'express';
import { clientGone, clientId, waitSeconds } from '../../../packages/rest/src/index.js';
import type { DsoContext } from '../deps.js';

export function longPollParams(ctx: DsoContext, req: Request, res: Response): { timeoutMs: number; client: string; signal: AbortSignal } {
  const max = ctx.longPollMaxSeconds;
  const timeoutMs = waitSeconds(req.query.timeout, ctx.longPollDefaultSeconds ?? Math.min(30, max), max) * 1000;
  return { timeoutMs, client: clientId(req.query.client), signal: clientGone(req, res) };
}
