// A whole chaos run (issue 13, F1): platform up, market prepared, load and seeded faults at the
// same time, drain, reconciliation from the stores, report. Everything it started is torn down at
// the end, also on Ctrl-C; the data folder (component logs, SQLite stores) is kept when the run failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestClient } from '../../packages/scenarios/src/index.js';
import { chaosWorld } from './chaos-world.js';
import { DocumentSizeSampler } from './document-sizes.js';
import type { ChaosOptions } from './chaos-options.js';
import { renderReport, verdict, writeJson, writeResultsFiles, type ChaosReport } from './chaos-report.js';
import { waitForDrain } from './drain.js';
import { planFaults, runFaults, type FaultKind } from './fault-schedule.js';
import { LoadDriver } from './load-driver.js';
import { loadPlan, worldSize } from './load-plan.js';
import { prepareMarket } from './market-setup.js';
import { ChaosPlatform } from './platform-processes.js';
import { reconcile, type Stores } from './reconcile.js';
import { seededRandom } from './seeded-random.js';

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const t0 = Date.now();
  const deadline = t0 + o.maxMinutes * 60_000;
  const loadBefore = load();
  const dataDir = mkdtempSync(join(tmpdir(), 'tps-chaos-'));
  const size = worldSize(o.messages, o.limitEvery, o.concurrency);
  const world = chaosWorld(size.schedules, size.limits);
  const platform = new ChaosPlatform(dataDir, { agrs: world.agrs, dsos: world.dsos }, o.log);
  const faultCounts: Record<FaultKind, number> = { 'core-sigkill': o.coreKills, 'agr-sigkill': o.agrKills, 'rabbitmq-restart': o.rabbitRestarts, 'postgresql-restart': o.postgresRestarts };
  let keepDataDir = false;

  // Ctrl-C: stop what we started, then leave; on any exit, no orphaned component processes.
  const onSigint = () => {
    o.log('interrupted: stopping the platform');
    void platform.stop().finally(() => process.exit(130));
  };
  const onExit = () => platform.killNow();
  process.once('SIGINT', onSigint);
  process.once('exit', onExit);

  const stores: Partial<Stores> = {};
  try {
    o.log(`data folder ${dataDir}`);
    await platform.start();
    const clients = new Map<string, RestClient>();
    for (const p of world.agrs) clients.set(p, new RestClient(platform.component('agr').url, platform.tokens.get(p)!, p));
    for (const p of world.dsos) clients.set(p, new RestClient(platform.component('dso').url, platform.tokens.get(p)!, p));
    const client = (party: string) => clients.get(party)!;
    const market = await prepareMarket(world, { client }, o.log);
    // Own store handles for sampling during the faults; reconciliation opens fresh ones afterwards.
    const sampling: Stores = { core: await platform.openStore('core'), agr: await platform.openStore('agr'), dso: await platform.openStore('dso') };
    const sizes = new DocumentSizeSampler();

    const items = loadPlan(world, o.messages, o.limitEvery);
    const faults = planFaults(faultCounts, o.messages, seededRandom(o.seed));
    o.log(`load: ${items.length} documents (${items.filter((i) => i.kind === 'limit').length} limit revisions), ${o.concurrency} clients; faults at ${faults.map((f) => `${f.kind}@${f.atAccepted}`).join(', ')}`);
    const driver = new LoadDriver(world, market.scheduleIds, client);
    let loadDone = false;
    const cpuAtLoad = platform.cpuSeconds();
    const tLoad = Date.now();
    const progressTimer = setInterval(() => o.log(`load: ${driver.accepted}/${items.length} accepted, ${driver.retried} retried, ${((driver.accepted * 1000) / (Date.now() - tLoad)).toFixed(1)}/s`), 15_000);
    const sampleTimer = setInterval(() => void sizes.sample(sampling).catch(() => undefined), 3_000);
    const faultRun = runFaults(faults, platform, () => ({ accepted: driver.accepted, done: loadDone }), o.log);
    await driver.run(items, o.concurrency, deadline).finally(() => {
      loadDone = true;
      clearInterval(progressTimer);
      clearInterval(sampleTimer);
    });
    const loadSeconds = (Date.now() - tLoad) / 1000;
    o.log(`load: done, ${driver.accepted} accepted in ${loadSeconds.toFixed(0)} s`);
    const executed = await faultRun;
    for (const db of Object.values(sampling)) await db.destroy().catch(() => undefined);

    stores.core = await platform.openStore('core');
    stores.agr = await platform.openStore('agr');
    stores.dso = await platform.openStore('dso');
    const drain = await waitForDrain(stores as Stores, platform.rabbit, deadline, o.log);
    o.log(`drain: ${drain.drained ? 'nothing in flight' : 'deadline reached with messages in flight'} after ${(drain.waitedMs / 1000).toFixed(0)} s`);
    const cpuAtEnd = platform.cpuSeconds();
    const cpuSeconds = Object.fromEntries(Object.entries(cpuAtEnd).map(([k, v]) => [k, Math.round((v - (cpuAtLoad[k] ?? 0)) * 10) / 10]));
    const counts = await reconcile(world, driver.results, stores as Stores);

    const base: Omit<ChaosReport, 'passed' | 'failures'> = {
      startedAt: new Date(t0).toISOString(),
      node: process.version,
      parameters: { messages: o.messages, seed: o.seed, concurrency: o.concurrency, limitEvery: o.limitEvery, faults: faultCounts, maxMinutes: o.maxMinutes },
      world: { agrs: world.agrs.length, dsos: world.dsos.length, assets: world.assets.length, schedules: market.scheduleIds.size, limits: world.limits.length },
      stores: { directory: 'SQLite', core: 'PostgreSQL', agr: 'SQLite', dso: 'SQLite' },
      loadSeconds,
      acceptedPerSecond: driver.accepted / loadSeconds,
      totalSeconds: (Date.now() - t0) / 1000,
      loadAverage: { before: loadBefore, after: load() },
      cpu: { seconds: cpuSeconds, msPerDocument: (Object.values(cpuSeconds).reduce((a, b) => a + b, 0) * 1000) / Math.max(1, driver.accepted) },
      faults: executed,
      crashes: platform.crashes,
      starts: Object.fromEntries([...platform.components].map(([n, c]) => [n, c.starts])),
      drain,
      documentBytes: sizes.means(),
      counts,
    };
    const failures = verdict(base);
    const report: ChaosReport = { ...base, passed: failures.length === 0, failures };
    keepDataDir = !report.passed;
    if (o.json) writeJson(o.json, report);
    if (o.resultsPrefix) writeResultsFiles(o.resultsPrefix, report);
    return report;
  } catch (err) {
    keepDataDir = true;
    throw err;
  } finally {
    for (const db of Object.values(stores)) await db?.destroy().catch(() => undefined);
    await platform.stop();
    process.removeListener('SIGINT', onSigint);
    process.removeListener('exit', onExit);
    if (keepDataDir) o.log(`kept ${dataDir} (component logs in logs/, SQLite stores)`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

export { renderReport };
