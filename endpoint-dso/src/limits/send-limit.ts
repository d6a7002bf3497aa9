// Sending one revision of a capacity limit (F6b). Revisions only move forward: a revision at or
// below the current one is refused (409) unless it is an exact retry of that revision, which is
// answered as already submitted. The head row is locked while deciding (a create inserts it
// first), so two concurrent updates cannot both win.
import type { CapacityLimitDocument } from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { DocumentHeader } from '../../../packages/iec62325/src/model/common.types.js';
import { HttpProblem } from '../../../packages/http/src/index.js';
import type { DsoContext } from '../deps.js';
import { dsoHeader } from '../mapping/header.js';
import { isoNow } from '../mapping/time.js';
import { sendToCore } from '../outbound.js';
import type { LimitKind, LimitStatus } from '../storage/limit.repository.js';

/** What is stored per revision: the request as given, and what it resolved to. */
export interface StoredLimitBody {
  request: unknown;
  assetsPerItem: string[][];
  /** Unforeseen limits: the start actually sent (the request may leave it to "now"). */
  start?: string;
}

export interface LimitCommand {
  mode: 'create' | 'update' | 'cancel';
  kind: LimitKind;
  limitId: string;
  /** The revision the client asked for; required for updates. */
  revision?: number | undefined;
  /** New content (create/update); cancel re-sends the last content with status cancelled. */
  body?: StoredLimitBody;
  build(header: DocumentHeader, revision: number, status: LimitStatus, body: StoredLimitBody): CapacityLimitDocument;
}

export interface LimitSent {
  limitId: string;
  kind: LimitKind;
  revision: number;
  status: LimitStatus;
  messageId: string;
  /** True when this call was a retry of a revision already sent: nothing new was sent. */
  alreadySubmitted: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function sendLimit(ctx: DsoContext, dso: string, cmd: LimitCommand): Promise<LimitSent> {
  const { limits } = ctx.stores;
  return ctx.db.transaction(async (trx) => {
    const now = ctx.now();
    // A create first claims the head row (one statement; a limit that exists is read as before).
    const claimed = cmd.mode === 'create' && (await limits.claimNew(trx, dso, { limitId: cmd.limitId, kind: cmd.kind, revision: cmd.revision ?? 1, status: 'active' }, isoNow(now)));
    const head = claimed ? undefined : await limits.getForUpdate(trx, dso, cmd.limitId);
    if (head && head.kind !== cmd.kind) throw HttpProblem.conflict(`limit ${cmd.limitId} is a ${head.kind} limit`);
    if (!head && cmd.mode !== 'create') throw HttpProblem.notFound(`no capacity limit ${cmd.limitId}`);
    const revisions = head ? await limits.revisions(trx, dso, cmd.limitId) : [];
    const current = revisions.at(-1);
    const retry = (revision: number, status: LimitStatus, body: StoredLimitBody | undefined): LimitSent | undefined => {
      const r = revisions.find((x) => x.revision === revision);
      if (r && r.status === status && (!body || same((r.body as StoredLimitBody).request, body.request))) {
        return { limitId: cmd.limitId, kind: cmd.kind, revision, status, messageId: r.messageId, alreadySubmitted: true };
      }
      return undefined;
    };

    let revision: number;
    let status: LimitStatus = 'active';
    let body = cmd.body;
    if (cmd.mode === 'create') {
      revision = cmd.revision ?? 1;
      if (head) {
        const again = retry(revision, 'active', body);
        if (again) return again;
        throw HttpProblem.conflict(`capacity limit ${cmd.limitId} already exists; update it with PUT and a higher revision`, { currentRevision: head.revision });
      }
    } else {
      status = cmd.mode === 'cancel' ? 'cancelled' : 'active';
      // Cancelling twice is a retry, not an error.
      if (cmd.mode === 'cancel' && head!.status === 'cancelled' && cmd.revision === undefined) return retry(head!.revision, 'cancelled', undefined)!;
      revision = cmd.revision ?? head!.revision + 1;
      if (revision <= head!.revision) {
        const again = retry(revision, status, cmd.mode === 'cancel' ? undefined : body);
        if (again) return again;
        throw HttpProblem.conflict(`revision ${revision} does not move forward: limit ${cmd.limitId} is at revision ${head!.revision}`, { currentRevision: head!.revision });
      }
      if (revision > 999) throw HttpProblem.conflict(`limit ${cmd.limitId} has used all revisions (999)`);
      if (head!.status === 'cancelled') throw HttpProblem.conflict(`capacity limit ${cmd.limitId} is cancelled`);
      if (cmd.mode === 'cancel') body = current!.body as StoredLimitBody;
    }
    const document = cmd.build(dsoHeader(dso, ctx.coreParty, cmd.limitId, now), revision, status, body!);
    // Unforeseen signals are emergencies: they overtake everything else in the transport.
    const messageId = await sendToCore(ctx, trx, dso, { kind: 'capacity-limit', document }, cmd.kind === 'unforeseen' ? 'emergency' : 'normal');
    await limits.saveRevision(trx, dso, { limitId: cmd.limitId, kind: cmd.kind, revision, status }, messageId, body, isoNow(now), claimed);
    return { limitId: cmd.limitId, kind: cmd.kind, revision, status, messageId, alreadySubmitted: false };
  });
}
