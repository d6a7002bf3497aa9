// Message tracking (ECP practice): the transport state of a sent document (ACCEPTED → DELIVERED →
// RECEIVED, or FAILED) from the messenger, and the core's business acknowledgement from the store.
import type { Express } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import type { MessageView } from '../mapping/rest-types.js';
import { principal, type RouteContext } from './route-kit.js';

const messageIdSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,100}$/, 'must be a message ID as returned when the document was sent');

export function registerMessageRoutes(app: Express, ctx: RouteContext): void {
  app.get('/messages/:messageId', ...ctx.auth, async (req, res) => {
    const id = parseInput(messageIdSchema, req.params.messageId, 'messageId');
    // NF3: only the party that sent it may see it; another party's ID is simply not found.
    const m = await ctx.messages.find(principal(res).party, id);
    if (!m) throw HttpProblem.notFound(`no message ${id} sent by this party`);
    const t = await ctx.messenger.status(id);
    const view: MessageView = {
      messageId: m.messageId,
      businessType: m.businessType,
      documentId: m.documentId,
      revision: m.revision,
      sentAt: m.sentAt,
      tracking: t ? { state: t.state, ...(t.reason ? { reason: t.reason } : {}), history: t.history.map((h) => ({ state: h.state, at: h.at, ...(h.reason ? { reason: h.reason } : {}) })) } : null,
      acknowledgement: { outcome: m.outcome, reasons: m.reasons, ...(m.ackAt ? { receivedAt: m.ackAt } : {}) },
    };
    res.json(view);
  });
}
