// Micro CPU measurement of the messaging layer alone (F1; issue 14, benchmark 1's mades part):
// one document per sender transaction, as a REST POST or a core handler writes it — outbox insert
// (signed, encrypted), relay (publish, mark, DELIVERED), inbox (verify, decrypt, de-duplicate, a
// one-row effect, transport acknowledgement), and the acknowledgement back (RECEIVED). In-process
// transport and SQLite files (WAL), so what is measured is the layer's own CPU: crypto, knex and
// the SQLite statements. CPU µs per message (process.cpuUsage, every thread of the process),
// medians over batches.
//
// With --baseline DIR (another checkout with node_modules linked) that checkout's messaging layer
// runs in this same process, batches alternating between the two — a paired comparison that a
// loaded machine skews far less than two separate runs.
// Run from a checkout root: `tsx bench/lib/mades-path-cpu.ts [--baseline DIR] [--messages N] [--batches B] [--json FILE]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, REPO_ROOT } from './common.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const MESSAGES = Number(arg('--messages') ?? 200);
const BATCHES = Number(arg('--batches') ?? 10);
/** The size of benchmark 1's schedule document (27.6 kB compact XML). */
const payload = Buffer.alloc(27_600, 'x');

interface Tree {
  name: string;
  /** Sends MESSAGES documents, each in its own transaction; resolves once all are RECEIVED. Returns CPU µs per message. */
  batch(round: number): Promise<number>;
}

async function treeOf(name: string, root: string, dir: string): Promise<Tree> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const mades = await load('packages/mades/src/index.ts');
  const { openDatabase } = await load('packages/storage/src/index.ts');
  const { TestDirectory } = await load('packages/mades/test/fixtures/directory.ts');
  const { createEffects, recordEffect } = await load('packages/mades/test/fixtures/effects.ts');
  const directory = new TestDirectory();
  const ids = { agr: await directory.register('10V-AGR-BENCH01', ['10X-AGR-PARTY-1']), core: await directory.register('10V-TPS-BENCH01', ['10X-TPS-PARTY-1']) };
  return {
    name,
    async batch(round) {
      // Fresh stores per batch (set up outside the measured window): tables do not grow across batches.
      const senderDb = await openDatabase({ sqliteFile: join(dir, `${name}-s${round}.db`) });
      const receiverDb = await openDatabase({ sqliteFile: join(dir, `${name}-r${round}.db`) });
      await createEffects(receiverDb);
      const broker = new mades.MemoryBroker();
      const sender = new mades.MessagingEndpoint({ identity: ids.agr, directory, transport: new mades.MemoryTransport(broker), db: senderDb, pollIntervalMs: 20 });
      const receiver = new mades.MessagingEndpoint({ identity: ids.core, directory, transport: new mades.MemoryTransport(broker), db: receiverDb, retrySafeHandler: true }); // as the platform's components (cli/platform/messaging-node.ts); older checkouts ignore it
      receiver.onMessage(recordEffect);
      await receiver.start();
      await sender.start();
      let received = 0;
      const all = new Promise<void>((resolve) => sender.on('status', (e: { status: string }) => e.status === 'RECEIVED' && ++received === MESSAGES && resolve()));
      const c0 = process.cpuUsage();
      for (let i = 0; i < MESSAGES; i++) {
        await senderDb.transaction((trx: unknown) => sender.send({ receiverCode: ids.core.code, businessType: 'schedule', payload, senderParty: '10X-AGR-PARTY-1' }, trx));
      }
      await all;
      const c = process.cpuUsage(c0);
      await sender.stop();
      await receiver.stop();
      await senderDb.destroy();
      await receiverDb.destroy();
      return (c.user + c.system) / MESSAGES;
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mades-cpu-'));
try {
  const trees: Tree[] = [await treeOf('current', REPO_ROOT, dir)];
  if (arg('--baseline')) trees.push(await treeOf('baseline', arg('--baseline')!, dir));
  const loadBefore = loadavg()[0]!;
  for (const t of trees) await t.batch(-1); // warm-up (JIT)
  const samples = new Map<string, number[]>(trees.map((t) => [t.name, []]));
  for (let b = 0; b < BATCHES; b++) {
    for (const t of b % 2 ? [...trees].reverse() : trees) samples.get(t.name)!.push(await t.batch(b));
  }
  const loadAfter = loadavg()[0]!;
  const r0 = (x: number) => Math.round(x);
  const result = {
    messages: MESSAGES,
    batches: BATCHES,
    payloadBytes: payload.length,
    load: [loadBefore, loadAfter],
    cpuUsPerMessage: Object.fromEntries([...samples].map(([n, xs]) => [n, { median: r0(median(xs)), batches: xs.map(r0) }])),
  };
  console.log(JSON.stringify(result, null, 2));
  if (arg('--json')) writeFileSync(arg('--json')!, JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
