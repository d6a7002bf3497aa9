// Authentication exactly as the AGR/BRP facade (packages/rest): the bearer token decides the
// party. One endpoint may serve several DSOs, so the party must also be one this endpoint speaks
// for in the directory (messenger.parties); nothing in a path or body can widen it (NF3).
import type { RequestHandler, Response } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { principalOf, requireParty } from '../../../packages/rest/src/index.js';
import type { DsoContext } from '../deps.js';

export function dsoAuth(ctx: DsoContext): RequestHandler[] {
  const served: RequestHandler = (_req, res, next) => {
    const { party } = principalOf(res);
    if (!ctx.messenger.parties.includes(party)) return next(HttpProblem.forbidden(`this endpoint does not represent party ${party}`));
    next();
  };
  return [requireParty(ctx.stores.tokens, ['DSO']), served];
}

/** The DSO this request speaks for. */
export function dsoOf(res: Response): string {
  return principalOf(res).party;
}
