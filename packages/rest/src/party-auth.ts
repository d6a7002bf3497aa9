// Bearer-token authentication for the REST facades: the token decides the party; nothing in a
// request body or path can widen it (NF3).
import type { RequestHandler, Response } from 'express';
import { HttpProblem } from '../../http/src/index.js';
import type { TokenPrincipal, TokenRepository, TokenRole } from './token-repository.js';

const PRINCIPAL = 'tpsPrincipal';

export function requireParty(tokens: TokenRepository, roles: readonly TokenRole[]): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals[PRINCIPAL] = await authenticate(tokens, roles, req.headers.authorization);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The principal of an Authorization header, or the 401/403 problem (also for routes below express). */
export async function authenticate(tokens: TokenRepository, roles: readonly TokenRole[], authorization: string | undefined): Promise<TokenPrincipal> {
  const match = /^Bearer ([A-Za-z0-9_\-]{10,200})$/.exec(authorization ?? '');
  if (!match) throw HttpProblem.unauthorized();
  const principal = await tokens.verify(match[1]!);
  if (!principal) throw HttpProblem.unauthorized('the bearer token is unknown or revoked');
  if (!roles.includes(principal.role)) throw HttpProblem.forbidden(`this API is for ${roles.join('/')} parties`);
  return principal;
}

/** The authenticated principal of this request (set by requireParty). */
export function principalOf(res: Response): TokenPrincipal {
  const p = res.locals[PRINCIPAL] as TokenPrincipal | undefined;
  if (!p) throw new Error('requireParty middleware is missing on this route');
  return p;
}
