// F4b: set, get, update and remove assets, one or more per call. Each write call becomes one
// asset-registration document to the TPS core; its outcome (the core's acknowledgement) is read
// afterwards on the asset (registration.outcome) or on GET /messages/{messageId}.
import type { Express, Response } from 'express';
import { HttpProblem, type ProblemFieldError } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import { buildAssetRegistration } from '../../../packages/iec62325/src/index.js';
import { assetIdListSchema, assetIdSchema, assetsRequestSchema } from '../mapping/rest-schemas.js';
import { newDocumentId, registrationDocument } from '../mapping/outbound-documents.js';
import type { AssetInput, AssetOperation, AssetView, RegistrationReceipt } from '../mapping/rest-types.js';
import { formatIsoUtc } from '../mapping/time.js';
import { isRegistered } from '../storage/asset.repository.js';
import { sendToCore } from '../outbox.js';
import { principal, type RouteContext } from './route-kit.js';

type Change = { register: AssetInput[] } | { update: AssetInput[] } | { remove: string[] };

export function registerAssetRoutes(app: Express, ctx: RouteContext): void {
  app.get('/assets', ...ctx.auth, async (_req, res) => {
    res.json({ assets: await ctx.assets.list(principal(res).party) });
  });

  app.get('/assets/:assetId', ...ctx.auth, async (req, res) => {
    const assetId = parseInput(assetIdSchema, req.params.assetId, 'assetId');
    const asset = await ctx.assets.get(principal(res).party, assetId);
    if (!asset) throw HttpProblem.notFound(`no asset ${assetId} registered by this party`);
    res.json(asset);
  });

  app.post('/assets', ...ctx.auth, async (req, res) => {
    const { assets } = parseInput(assetsRequestSchema, req.body);
    await change(ctx, res, { register: assets }, (i) => `assets.${i}.assetId`);
  });

  app.put('/assets', ...ctx.auth, async (req, res) => {
    const { assets } = parseInput(assetsRequestSchema, req.body);
    await change(ctx, res, { update: assets }, (i) => `assets.${i}.assetId`);
  });

  app.delete('/assets', ...ctx.auth, async (req, res) => {
    const ids = parseInput(assetIdListSchema, req.query.assetIds, 'assetIds');
    await change(ctx, res, { remove: ids }, (i) => `assetIds.${i}`);
  });

  app.delete('/assets/:assetId', ...ctx.auth, async (req, res) => {
    const assetId = parseInput(assetIdSchema, req.params.assetId, 'assetId');
    await change(ctx, res, { remove: [assetId] }, () => 'assetId');
  });
}

async function change(ctx: RouteContext, res: Response, c: Change, fieldOf: (i: number) => string): Promise<void> {
  const party = principal(res).party;
  const now = ctx.now();
  const at = formatIsoUtc(now);
  const documentId = newDocumentId('reg');
  const [operation, ids]: [AssetOperation, string[]] =
    'register' in c ? ['register', c.register.map((a) => a.assetId)] : 'update' in c ? ['update', c.update.map((a) => a.assetId)] : ['remove', c.remove];
  const receipt = await ctx.db.transaction(async (trx): Promise<RegistrationReceipt> => {
    const existing = await ctx.assets.find(trx, party, ids);
    checkExistence(operation, ids, existing, fieldOf);
    const doc = registrationDocument({ party, coreParty: ctx.coreParty }, documentId, now, c);
    const messageId = await sendToCore(trx, ctx.messenger, ctx.messages, { businessType: 'asset-registration', party, documentId, revision: 1, build: () => buildAssetRegistration(doc) }, at);
    const sent = { messageId, documentId, at };
    if ('remove' in c) await ctx.assets.markRemoving(trx, party, c.remove, sent);
    else await ctx.assets.save(trx, party, 'register' in c ? c.register : c.update, operation === 'register' ? 'register' : 'update', sent);
    return { messageId, documentId, operation, assetIds: ids };
  });
  res.status(202).location(`/messages/${encodeURIComponent(receipt.messageId)}`).json(receipt);
}

/**
 * Register only what this party does not hold yet (409); update or remove only what it holds
 * (404). Another party's asset is simply not among this party's (NF3: no existence oracle).
 */
function checkExistence(operation: AssetOperation, ids: string[], existing: Map<string, AssetView>, fieldOf: (i: number) => string): void {
  const errors: ProblemFieldError[] = [];
  ids.forEach((id, i) => {
    const row = existing.get(id);
    const held = row !== undefined && isRegistered(row);
    const field = fieldOf(i);
    if (operation === 'register' && held) errors.push({ field, message: `asset ${id} is already registered by this party` });
    if (operation !== 'register' && !held) errors.push({ field, message: `asset ${id} is not registered by this party` });
  });
  if (errors.length === 0) return;
  const detail = `${errors[0]!.field}: ${errors[0]!.message}`;
  throw operation === 'register' ? HttpProblem.conflict(detail, { errors }) : new HttpProblem(404, 'NOT_FOUND', detail, { errors });
}
