// Admin REST of the TPS core (audit trail, registry, splits) and the read models the GUI (F3)
// will use. Every route requires the administrator token.
import { Router } from 'express';
import { z } from 'zod';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { parseInput } from '../../../packages/rest/src/index.js';
import { requireAdmin } from './admin-auth.js';
import type { CoreViews } from './views.js';

const PARTY = /^[0-9]{2}X[0-9A-Z-]{13}$/;
const ASSET = /^[0-9]{2}W[0-9A-Z-]{13}$/;

const auditQuery = z.object({
  since: z.iso.datetime({ offset: false }).optional(),
  party: z.string().regex(PARTY).optional(),
  decision: z.enum(['accepted', 'rejected', 'already-received', 'answered', 'recorded']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const splitsQuery = z.object({ dso: z.string().regex(PARTY).optional(), limit: z.string().min(1).max(60).optional() });

function param(value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw HttpProblem.badRequest(`not a valid ${what}: ${String(value)}`);
  return value;
}

export function adminRouter(views: CoreViews, adminToken: string | undefined): Router {
  const router = Router();
  router.use(requireAdmin(adminToken));
  router.get('/audit', async (req, res) => {
    const q = parseInput(auditQuery, req.query, 'query');
    // Audit times are stored as YYYY-MM-DDTHH:MM:SSZ; compare like with like.
    const since = q.since ? new Date(q.since).toISOString().slice(0, 19) + 'Z' : undefined;
    res.json({ entries: await views.audit({ ...q, ...(since ? { since } : {}) }) });
  });
  router.get('/assets', async (_req, res) => {
    res.json({ assets: await views.assets() });
  });
  router.get('/assets/:assetId/history', async (req, res) => {
    res.json({ history: await views.assetHistory(param(req.params.assetId, ASSET, 'asset EIC')) });
  });
  router.get('/splits', async (req, res) => {
    const q = parseInput(splitsQuery, req.query, 'query');
    res.json({ splits: await views.splits({ ...(q.dso ? { dso: q.dso } : {}), ...(q.limit ? { limitMrid: q.limit } : {}) }) });
  });
  router.get('/operators/:party', async (req, res) => {
    res.json(await views.operator(param(req.params.party, PARTY, 'party EIC')));
  });
  router.get('/dsos/:party', async (req, res) => {
    res.json(await views.dso(param(req.params.party, PARTY, 'party EIC')));
  });
  router.get('/dsos/:party/splits', async (req, res) => {
    const limit = typeof req.query.limit === 'string' ? req.query.limit : undefined;
    res.json({ splits: await views.dsoSplits(param(req.params.party, PARTY, 'party EIC'), limit) });
  });
  return router;
}
