// F3 Web GUI of the TPS core, mounted at /ui: static files from broker/gui, uPlot from
// node_modules (served locally: the platform must work without internet access), and read-only
// JSON under /ui/api/* behind the administrator token (TPS_ADMIN_TOKEN). The page itself is public
// and holds no data; it asks for the token and sends it as a bearer header.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { EventEmitter } from 'node:events';
import express, { Router, type RequestHandler } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { requireAdmin } from '../admin/admin-auth.js';
import type { CoreViews } from '../admin/views.js';
import { guiEventHub } from './gui-events.js';
import { plansPayload } from './plans.js';
import { dsoPayload } from './limits.js';
import { computeImplications } from './implications.js';

const PARTY = /^[0-9]{2}X[0-9A-Z-]{13}$/;
const AUDIT_MAX = 1000;

/**
 * Same-origin only, no inline script or style, no upgrade-insecure-requests (helmet's default
 * would break the GUI when the core is reached over plain http on a LAN address).
 */
export const GUI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface GuiOptions {
  views: CoreViews;
  events: EventEmitter;
  adminToken: string | undefined;
  /** Parties the platform is configured with, offered even before they sent anything. */
  knownParties?: { agr: readonly string[]; dso: readonly string[] };
  now?: () => Date;
}

export interface GuiRouter {
  router: Router;
  close(): void;
}

/** broker/gui next to the sources; in a built image, ./broker/gui under the working directory. */
export function guiStaticDir(): string {
  const candidates = [fileURLToPath(new URL('../../gui/', import.meta.url)), resolve(process.cwd(), 'broker/gui')];
  const found = candidates.find((dir) => existsSync(resolve(dir, 'index.html')));
  if (!found) throw new Error(`GUI files not found (looked in ${candidates.join(', ')})`);
  return found;
}

function partyParam(value: unknown): string {
  if (typeof value !== 'string' || !PARTY.test(value)) throw HttpProblem.badRequest(`not a valid party EIC: ${String(value)}`);
  return value;
}

export function guiRouter(options: GuiOptions): GuiRouter {
  const { views } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  const hub = guiEventHub(options.events);
  const require = createRequire(import.meta.url);
  const vendor: Record<string, string> = {
    'uPlot.esm.js': require.resolve('uplot/dist/uPlot.esm.js'),
    'uPlot.min.css': require.resolve('uplot/dist/uPlot.min.css'),
  };

  const csp: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', GUI_CSP);
    next();
  };
  router.use(csp);

  // --- data (administrator token) --------------------------------------------------------------
  const api = Router();
  api.use(requireAdmin(options.adminToken));
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.get('/session', (_req, res) => {
    res.json({ ok: true, serverTime: now().toISOString() });
  });
  api.get('/parties', async (_req, res) => {
    const assets = await views.assets();
    const audit = await views.audit({ decision: 'accepted', limit: AUDIT_MAX });
    const agr = new Set([...(options.knownParties?.agr ?? []), ...assets.map((a) => a.operator)]);
    const dso = new Set([...(options.knownParties?.dso ?? []), ...audit.filter((e) => e.businessType === 'connection-point-registration' || e.businessType === 'capacity-limit').map((e) => e.party)]);
    const assetCount = (op: string) => assets.filter((a) => a.operator === op).length;
    const dsos = await Promise.all([...dso].sort().map(async (party) => ({ party, connectionPoints: (await views.dso(party)).connectionPoints.length })));
    res.json({ agrs: [...agr].sort().map((party) => ({ party, assets: assetCount(party) })), dsos });
  });
  api.get('/agrs/:party', async (req, res) => {
    res.json(plansPayload(await views.operator(partyParam(req.params.party))));
  });
  api.get('/dsos/:party', async (req, res) => {
    const party = partyParam(req.params.party);
    const audit = await views.audit({ party, limit: AUDIT_MAX });
    res.json(dsoPayload(await views.dso(party), audit, now()));
  });
  api.get('/dsos/:party/implications', async (req, res) => {
    const dso = partyParam(req.params.party);
    const view = await views.dso(dso);
    const assets = await views.assets();
    const named = new Set(view.limits.flatMap((l) => (l.document.limitType === 'grant' ? [] : l.document.series.flatMap((s) => s.assetIds))));
    const operators = [...new Set(assets.filter((a) => named.has(a.assetId)).map((a) => a.operator))];
    const schedules = (await Promise.all(operators.map((op) => views.operator(op)))).flatMap((v) => v.schedules);
    res.json(computeImplications({ dso, limits: view.limits, splits: await views.splits({ dso }), assets, schedules, now: now() }));
  });
  api.get('/events', (req, res) => hub.stream(req, res));
  router.use('/api', api);

  // --- page and assets (public, no data) -------------------------------------------------------
  router.get('/vendor/:file', (req, res, next) => {
    const file = vendor[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  router.use(express.static(guiStaticDir(), { index: 'index.html', redirect: true, maxAge: 0 }));

  return { router, close: () => hub.close() };
}
