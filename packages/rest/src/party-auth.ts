// Bearer-token authentication for the REST facades: the token decides the party; nothing in a
// request body or path can widen it (NF3).
import type { RequestHandler, Response } from 'express';
import { HttpProblem } from '../../http/src/index.js';
import type { TokenPrincipal, TokenRepository, TokenRole } from './token-repository.js';

const PRINCIPAL = 'tpsPrincipal';

export function requireParty(tokens: TokenRepository, roles: readonly TokenRole[]): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-]{10,200})$/.exec(header);
    if (!match) return next(HttpProblem.unauthorized());
    try {
      const principal = await tokens.verify(match[1]!);
      if (!principal) return next(HttpProblem.unauthorized('the bearer token is unknown or revoked'));
      if (!roles.includes(principal.role)) return next(HttpProblem.forbidden(`this API is for ${roles.join('/')} parties`));
      res.locals[PRINCIPAL] = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The authenticated principal of this request (set by requireParty). */
export function principalOf(res: Response): TokenPrincipal {
  const p = res.locals[PRINCIPAL] as TokenPrincipal | undefined;
  if (!p) throw new Error('requireParty middleware is missing on this route');
  return p;
}
