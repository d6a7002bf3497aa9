// The core's one document handler (F1: the core is an endpoint). Within the received message's
// transaction: parse → header rules → revision check → business handler → acknowledgement →
// audit. A rejection at any step is answered with a negative acknowledgement and nothing else is
// applied. Only unexpected failures throw, which rolls everything back and lets the messaging
// layer retry or dead-letter the message.
import type { Knex } from 'knex';
import type { Messenger, ReceivedDocument } from '../../../packages/runtime/src/index.js';
import { runRules } from '../domain/rule.js';
import { HEADER_RULES } from '../domain/rule-sets.js';
import { checkRevision, contentHash } from '../domain/revision.js';
import { MARKET_ROLE, isDocumentError, parseDocument } from '../outgoing/wire.js';
import { acknowledge, safeMrid } from '../outgoing/acknowledge.js';
import type { NewAuditEntry } from '../storage/audit.repository.js';
import { createContext, type CoreOptions, type HandlerContext } from './context.js';
import { handleAssetRegistration } from './asset-registration.handler.js';
import { handleConnectionPointRegistration } from './connection-point-registration.handler.js';
import { handleStatusRequest } from './status-request.handler.js';
import { handleSchedule } from './schedule.handler.js';
import { handleCapacityLimit } from './capacity-limit.handler.js';
import type { HandlerResult } from './result.js';

type Parsed = ReturnType<typeof parseDocument>;

export async function dispatchDocument(messenger: Messenger, options: CoreOptions, received: ReceivedDocument, trx: Knex.Transaction): Promise<void> {
  const ctx = createContext(messenger, options, received, trx);
  const audit = (entry: Partial<NewAuditEntry> & Pick<NewAuditEntry, 'decision'>) =>
    ctx.repos.audit.append({
      at: ctx.now,
      businessType: received.businessType,
      party: received.senderParty,
      messageId: received.messageId,
      documentMrid: null,
      revision: null,
      reasonCode: null,
      reasonText: null,
      outgoing: ctx.outgoing,
      detail: {},
      ...entry,
    });

  let parsed: Parsed;
  try {
    parsed = parseDocument(received.payload);
  } catch (err) {
    if (!isDocumentError(err)) throw err;
    // Never answer an acknowledgement with an acknowledgement (no ping-pong).
    if (received.businessType !== 'acknowledgement') {
      await acknowledge(ctx, { party: received.senderParty, role: await guessRole(ctx), mrid: safeMrid(received.baMessageId, received.messageId) }, false, [{ code: err.reasonCode, text: err.message }]);
    }
    return audit({ decision: 'rejected', reasonCode: err.reasonCode, reasonText: err.message });
  }

  if (parsed.kind === 'acknowledgement') {
    const ack = parsed.document;
    return audit({ decision: 'recorded', documentMrid: ack.received.mRID, detail: { accepted: ack.accepted, reasons: ack.reasons } });
  }

  const doc = parsed.document;
  const revision = 'revisionNumber' in doc ? doc.revisionNumber : undefined;
  const target = { party: received.senderParty, role: doc.sender.role, mrid: doc.mRID, ...(revision !== undefined ? { revision } : {}) };
  const base = { documentMrid: doc.mRID, revision: revision ?? null };
  const emergency = parsed.kind === 'capacity-limit' && parsed.document.limitType === 'unforeseen';

  const headerFailure = await runRules(HEADER_RULES, { envelopeSender: received.senderParty, businessType: received.businessType, kind: parsed.kind, tpsParties: ctx.tpsParties, header: doc }, undefined);
  if (headerFailure) {
    await acknowledge(ctx, target, false, [{ code: headerFailure.code, text: headerFailure.text }], emergency);
    return audit({ ...base, decision: 'rejected', reasonCode: headerFailure.code, reasonText: headerFailure.text, detail: { rule: headerFailure.rule } });
  }

  const hash = contentHash(doc);
  if (revision !== undefined) {
    const last = await ctx.repos.received.find(received.senderParty, parsed.kind, doc.mRID);
    ctx.firstOfDocument = last === undefined;
    const check = checkRevision(last, revision, hash);
    if (check.outcome === 'already-received') {
      await acknowledge(ctx, target, true, [{ code: 'A95', text: `already received: revision ${revision} was processed before; not applied again` }], emergency);
      return audit({ ...base, decision: 'already-received' });
    }
    if (check.outcome === 'rejected') {
      await acknowledge(ctx, target, false, [check.rejection], emergency);
      return audit({ ...base, decision: 'rejected', reasonCode: check.rejection.code, reasonText: check.rejection.text, detail: { rule: 'revision.forward' } });
    }
  }

  const result = await route(ctx, parsed);
  if (result.kind === 'rejected') {
    const r = result.rejection;
    await acknowledge(ctx, target, false, [{ code: r.code, text: r.text }], emergency);
    return audit({ ...base, decision: 'rejected', reasonCode: r.code, reasonText: r.text, detail: { rule: r.rule ?? null } });
  }
  if (revision !== undefined) await ctx.repos.received.record(received.senderParty, parsed.kind, doc.mRID, revision, hash, received.messageId, ctx.now);
  if (!result.answered) await acknowledge(ctx, target, true, result.reasons ?? [], result.emergency ?? false);
  if (result.afterAck) await result.afterAck();
  await audit({ ...base, decision: result.answered ? 'answered' : 'accepted', detail: result.detail ?? {} });
}

async function route(ctx: HandlerContext, parsed: Exclude<Parsed, { kind: 'acknowledgement' }>): Promise<HandlerResult> {
  switch (parsed.kind) {
    case 'asset-registration':
      return handleAssetRegistration(ctx, parsed.document);
    case 'connection-point-registration':
      return handleConnectionPointRegistration(ctx, parsed.document);
    case 'status-request':
      return handleStatusRequest(ctx, parsed.document);
    case 'schedule':
      return handleSchedule(ctx, parsed.document);
    case 'capacity-limit':
      return handleCapacityLimit(ctx, parsed.document);
    case 'asset-list':
      // Header rules refuse inbound asset lists before this point.
      throw new Error('unreachable: asset-list is refused by header.business-type');
  }
}

/** The role to address an unreadable document's sender with: DSO if it owns connection points. */
async function guessRole(ctx: HandlerContext): Promise<string> {
  return (await ctx.repos.registry.ownsConnectionPoints(ctx.received.senderParty)) ? MARKET_ROLE.dso : MARKET_ROLE.resourceAggregator;
}
