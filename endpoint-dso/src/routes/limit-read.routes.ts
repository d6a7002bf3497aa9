// F6b read-back: each limit's status (revisions, transport tracking, the core's business
// acknowledgement), its split per asset (NF3: no operators) and the fairness metrics.
import type { Express } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import type { DsoContext } from '../deps.js';
import type { StoredLimitBody } from '../limits/send-limit.js';
import type { UnforeseenLimitInput } from '../mapping/limit.input.js';
import type { LimitHead } from '../storage/limit.repository.js';
import type { SentDocument } from '../storage/sent-document.repository.js';
import { dsoAuth, dsoOf } from './auth.js';

export function ackView(sent: SentDocument | undefined) {
  return sent ? { state: sent.ackState, reasons: sent.ackReasons, at: sent.ackedAt } : { state: 'pending' as const, reasons: [], at: null };
}

export function registerLimitReadRoutes(app: Express, ctx: DsoContext): void {
  const auth = dsoAuth(ctx);
  const { limits, sent } = ctx.stores;

  const headView = async (dso: string, h: LimitHead) => ({
    ...h,
    acknowledgement: ackView(await sent.findByDocument(ctx.db, dso, h.limitId, h.revision)),
  });

  async function headOr404(dso: string, limitId: string): Promise<LimitHead> {
    const head = await limits.get(ctx.db, dso, limitId);
    // NF3: another DSO's limit reads exactly like one that does not exist.
    if (!head) throw HttpProblem.notFound(`no capacity limit ${limitId}`);
    return head;
  }

  app.get('/capacity-limits', ...auth, async (req, res) => {
    const kind = req.query.kind;
    if (kind !== undefined && kind !== 'foreseen' && kind !== 'unforeseen') {
      throw HttpProblem.badRequest('kind must be foreseen or unforeseen', [{ field: 'kind', message: 'foreseen or unforeseen' }]);
    }
    const dso = dsoOf(res);
    const heads = await limits.list(ctx.db, dso, kind);
    res.json({ limits: await Promise.all(heads.map((h) => headView(dso, h))) });
  });

  app.get('/capacity-limits/:limitId', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const head = await headOr404(dso, String(req.params.limitId));
    const revisions = await limits.revisions(ctx.db, dso, head.limitId);
    const current = revisions.at(-1)!;
    const body = current.body as StoredLimitBody;
    const split = head.kind === 'foreseen' ? await limits.split(ctx.db, dso, head.limitId) : undefined;
    res.json({
      ...(await headView(dso, head)),
      tracking: (await ctx.messenger.status(current.messageId)) ?? null,
      request: body.request,
      affectedAssetIds: body.assetsPerItem,
      ...(body.start ? { start: body.start } : {}),
      splitRevision: split?.revision ?? null,
      revisions: await Promise.all(
        revisions.map(async (r) => ({
          revision: r.revision,
          status: r.status,
          messageId: r.messageId,
          sentAt: r.sentAt,
          acknowledgement: ackView(await sent.findByDocument(ctx.db, dso, head.limitId, r.revision)),
        })),
      ),
    });
  });

  // Foreseen: the core's fair split per asset (F6a) and its metrics, as reported back (see
  // docs/endpoint-dso.md). Unforeseen: each affected asset's required action until the end.
  app.get('/capacity-limits/:limitId/split', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const head = await headOr404(dso, String(req.params.limitId));
    if (head.kind === 'unforeseen') {
      const body = (await limits.revisions(ctx.db, dso, head.limitId)).at(-1)!.body as StoredLimitBody;
      const request = body.request as UnforeseenLimitInput;
      const assets = request.signals.flatMap((s, i) => body.assetsPerItem[i]!.map((assetId) => ({ assetId, direction: s.direction, action: s.action })));
      return void res.json({ limitId: head.limitId, kind: head.kind, revision: head.revision, status: head.status, start: body.start, expectedEnd: request.expectedEnd, assets });
    }
    const split = await limits.split(ctx.db, dso, head.limitId);
    res.json({
      limitId: head.limitId,
      kind: head.kind,
      currentRevision: head.revision,
      reported: Boolean(split),
      revision: split?.revision ?? null,
      policy: split?.policy ?? null,
      metrics: split?.metrics ?? null,
      receivedAt: split?.receivedAt ?? null,
      grants: split?.grants ?? [],
    });
  });
}
