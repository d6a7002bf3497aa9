// GET /messages/{id}: the tracking status (ACCEPTED → DELIVERED → RECEIVED, or FAILED) and the
// core's business acknowledgement of a document this DSO sent. NF3: only its own messages.
import type { Express } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import type { DsoContext } from '../deps.js';
import { dsoAuth, dsoOf } from './auth.js';
import { ackView } from './limit-read.routes.js';

export function registerMessageRoutes(app: Express, ctx: DsoContext): void {
  app.get('/messages/:messageId', ...dsoAuth(ctx), async (req, res) => {
    const sent = await ctx.stores.sent.find(ctx.db, dsoOf(res), String(req.params.messageId));
    if (!sent) throw HttpProblem.notFound(`no message ${req.params.messageId} sent by this DSO`);
    res.json({
      messageId: sent.messageId,
      businessType: sent.businessType,
      documentId: sent.documentMrid,
      revision: sent.revision,
      sentAt: sent.sentAt,
      tracking: (await ctx.messenger.status(sent.messageId)) ?? null,
      acknowledgement: ackView(sent),
    });
  });
}
