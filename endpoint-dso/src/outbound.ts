// Sending to the core: build the document, hand it to the messaging layer inside the caller's
// transaction (transactional outbox: the REST call returns only after both rows commit), and
// remember it so GET /messages/{id} can report its tracking and business acknowledgement.
import type { Knex } from 'knex';
import { HttpProblem } from '../../packages/http/src/index.js';
import { isDocumentError } from '../../packages/iec62325/src/errors/document-error.js';
import type { DsoContext } from './deps.js';
import type { OutboundDocument } from './mapping/codec.js';
import { isoNow } from './mapping/time.js';

export async function sendToCore(
  ctx: DsoContext,
  trx: Knex.Transaction,
  dso: string,
  doc: OutboundDocument,
  priority: 'normal' | 'emergency' = 'normal',
): Promise<string> {
  let payload: string;
  try {
    payload = ctx.codec.build(doc);
  } catch (err) {
    // The facade validates first; a builder rejection is still the client's input, named.
    if (isDocumentError(err)) throw HttpProblem.badRequest(`the document cannot be built: ${err.message}`, [{ field: err.field ?? 'request body', message: err.message }]);
    throw err;
  }
  const d = doc.document;
  const revision = 'revisionNumber' in d ? d.revisionNumber : null;
  const messageId = await ctx.messenger.sendToCore(trx, { businessType: doc.kind, payload, senderParty: dso, baMessageId: d.mRID, priority });
  await ctx.stores.sent.record(trx, { messageId, dso, businessType: doc.kind, documentMrid: d.mRID, revision, sentAt: isoNow(ctx.now()) });
  return messageId;
}
