// What every AGR/BRP route shares: the authenticated party, the store, the messenger, the clock.
import type { RequestHandler, Response } from 'express';
import type { Database } from '../../../packages/storage/src/index.js';
import type { Messenger } from '../../../packages/runtime/src/index.js';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { requireParty, principalOf, type TokenRepository, type TokenPrincipal, type BufferedCursors, type SharedReads, type WaiterHub } from '../../../packages/rest/src/index.js';
import type { LimitView } from '../mapping/rest-types.js';
import type { AssetRepository } from '../storage/asset.repository.js';
import type { LimitRepository } from '../storage/limit.repository.js';
import type { MessageRepository } from '../storage/message.repository.js';
import type { ScheduleRepository } from '../storage/schedule.repository.js';

export interface RouteContext {
  db: Database;
  messenger: Messenger;
  coreParty: string;
  tokens: TokenRepository;
  /** Read cursors of wait-for-new; moves are written in batches after the answer left. */
  cursors: BufferedCursors;
  assets: AssetRepository;
  schedules: ScheduleRepository;
  limits: LimitRepository;
  messages: MessageRepository;
  hub: WaiterHub;
  /** One read per (party, cursor position) for all long-poll waiters woken together. */
  limitReads: SharedReads<{ head: number; items: LimitView[] }>;
  /** The same for SSE streams of one party resuming from the same event id. */
  sseReads: SharedReads<LimitView[]>;
  longPoll: { defaultSeconds: number; maxSeconds: number };
  sseHeartbeatMs: number;
  now(): Date;
  /** Every route but /ping: a valid AGR token whose party this endpoint serves. */
  auth: RequestHandler[];
}

/**
 * NF3: the party is the token's, never the request's. The party must also be one the messenger
 * speaks for: a token for a party this endpoint does not represent cannot send documents.
 */
export function agrAuth(tokens: TokenRepository, messenger: Messenger): RequestHandler[] {
  const served: RequestHandler = (_req, res, next) => {
    try {
      requireServed(messenger, principalOf(res).party);
      next();
    } catch (err) {
      next(err);
    }
  };
  return [requireParty(tokens, ['AGR']), served];
}

/** 403 unless the messenger speaks for `party`. */
export function requireServed(messenger: Messenger, party: string): void {
  if (!messenger.parties.includes(party)) throw HttpProblem.forbidden(`this endpoint does not represent party ${party}`);
}

export function principal(res: Response): TokenPrincipal {
  return principalOf(res);
}

/** The long-poll and SSE key of a party's limits: only that party's waiters are woken. */
export function limitsKey(party: string): string {
  return `limits:${party}`;
}
