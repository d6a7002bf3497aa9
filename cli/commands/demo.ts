// `tps demo [--out DIR] [--amqp URL]`: starts the whole platform in this process (in-process
// broker, or RabbitMQ when a URL is given), plays the two DREM use cases through the REST facades
// only, narrates each step and prints a summary. With --out, every document that crossed the
// broker is written to DIR as its receiver read it (decrypted), plus DIR/summary.json. Exit code 0 only if every message ended
// RECEIVED and every expected business acknowledgement was positive.
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPlatformConfig, type PlatformConfig } from '../../packages/config/src/index.js';
import {
  BrokerTap,
  RestClient,
  buildSummary,
  capturedDocuments,
  consoleNarrator,
  dremCast,
  eventually,
  playDremScenario,
  renderSummary,
  writeDocuments,
  type Narrator,
  type ScenarioRun,
  type Summary,
} from '../../packages/scenarios/src/index.js';
import { Keystore } from '../../packages/directory-client/src/index.js';
import { COMPONENT_NAMES, startPlatform, type RunningPlatform } from '../platform/platform.js';
import { ensureDemoTokens } from '../platform/demo-tokens.js';

export interface DemoPlatformOptions {
  /** RabbitMQ; the in-process broker when absent. */
  amqpUrl?: string;
  logLevel?: PlatformConfig['logLevel'];
  /** More configuration variables (TPS_…), over the demo's own. */
  env?: Record<string, string>;
}

export interface DemoPlatform {
  config: PlatformConfig;
  platform: RunningPlatform;
  /** Everything the components handed to the broker, in order. */
  tap: BrokerTap;
  urls: Record<'directory' | 'core' | 'agr' | 'dso', string>;
  /** A REST client per demo party (AGR/BRPs on the AGR endpoint, DSOs on the DSO endpoint). */
  clients: Map<string, RestClient>;
  close(): Promise<void>;
}

/** The whole platform on free loopback ports, a fresh data folder, every transport tapped. */
export async function startDemoPlatform(o: DemoPlatformOptions = {}): Promise<DemoPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tps-demo-'));
  const config = loadPlatformConfig({
    TPS_DATA_DIR: dataDir,
    LOG_LEVEL: o.logLevel ?? process.env.LOG_LEVEL ?? 'error',
    TPS_DIRECTORY_AUTO_APPROVE: 'true', // dev only: the demo's components approve themselves
    TPS_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    ...(o.amqpUrl ? { AMQP_URL: o.amqpUrl } : {}),
    ...o.env,
  });
  const tap = new BrokerTap();
  let platform: RunningPlatform;
  try {
    platform = await startPlatform(config, COMPONENT_NAMES, {
      ports: { directory: 0, core: 0, agr: 0, dso: 0 },
      transportDecorator: (transport, component) => tap.wrap(transport, component),
    });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  // Documents cross the broker encrypted for their receiver (F1/NF3); the demo holds every
  // component's keystore, so it can show (and `--out` can write) what each receiver read.
  for (const c of ['core', 'agr', 'dso'] as const) {
    const ks = new Keystore(join(dataDir, c, 'keystore'));
    tap.addDecryptionKeys(config.identities[c].code, [ks.readKey('encryption'), ...ks.readArchivedKeys('encryption')]);
  }
  const url = (name: string) => platform.components.find((c) => c.name === name)?.url ?? '';
  const urls = { directory: url('directory'), core: url('core'), agr: url('agr'), dso: url('dso') };
  const clients = new Map<string, RestClient>();
  for (const t of await ensureDemoTokens(config, platform.components)) {
    clients.set(t.party, new RestClient(t.component === 'agr' ? urls.agr : urls.dso, t.token, t.party));
  }
  return {
    config,
    platform,
    tap,
    urls,
    clients,
    close: async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the receiver of every document crossed so far has acknowledged it (RECEIVED or FAILED). */
export async function awaitFinalStatuses(tap: BrokerTap, timeoutMs = 15_000): Promise<void> {
  await eventually('a final transport status for every document', async () => (tap.documents().every((d) => tap.statusOf(d.messageId) !== 'DELIVERED') ? true : undefined), timeoutMs).catch(
    () => undefined, // the summary then shows which ones stayed DELIVERED, and the run fails
  );
}

export interface DemoOptions {
  out?: string;
  amqpUrl?: string;
  write?: (s: string) => void;
}

export interface DemoResult {
  exitCode: number;
  run?: ScenarioRun;
  summary?: Summary;
}

export async function runDemo(o: DemoOptions = {}): Promise<DemoResult> {
  const write = o.write ?? ((s: string) => void process.stdout.write(s));
  write(`TPS demo — the DREM use cases over ${o.amqpUrl ? 'RabbitMQ' : 'the in-process broker'}, through the REST facades only\n`);
  const started = Date.now();
  const demo = await startDemoPlatform({ ...(o.amqpUrl ? { amqpUrl: o.amqpUrl } : {}) });
  try {
    write(`platform up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(demo.urls).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    const cast = dremCast();
    write(`parties: ${[...cast.dsos, ...cast.agrs].map((p) => `${p.name} ${p.party}`).join(', ')}; TPS core ${demo.config.identities.core.parties[0]}\n`);
    const narrator: Narrator = consoleNarrator(write);
    const run = await playDremScenario(cast, demo.clients, narrator);
    await awaitFinalStatuses(demo.tap);
    const docs = capturedDocuments(demo.tap);
    const summary = buildSummary(run, docs);
    narrator.step(5, 'Summary');
    write(renderSummary(cast, summary));
    if (o.out) {
      const dir = resolve(o.out);
      mkdirSync(dir, { recursive: true });
      writeDocuments(dir, demo.tap, docs);
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
      write(`${docs.length} documents and summary.json written to ${dir}\n`);
    }
    return { exitCode: summary.ok ? 0 : 1, run, summary };
  } finally {
    await demo.close();
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('play the foreseen and unforeseen DREM scenarios end to end through the REST facades, with narration and a summary')
    .option('--out <dir>', 'write every document that crossed the broker (as its receiver read it, decrypted) and summary.json to this folder')
    .option('--amqp <url>', 'use this RabbitMQ (amqp://…) instead of the in-process broker')
    .action(async (opts: { out?: string; amqp?: string }) => {
      const result = await runDemo({ ...(opts.out ? { out: opts.out } : {}), ...(opts.amqp ? { amqpUrl: opts.amqp } : {}) });
      process.exit(result.exitCode);
    });
}
