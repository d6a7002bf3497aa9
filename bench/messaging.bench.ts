// npm run bench:messaging — one hop through RabbitMQ, same payload size, persistent messages,
// publisher confirms and consumer acks in every variant (F1; issue 14 aims at ≥ 50 % of raw):
//   raw       amqplib publish → consume, no envelope
//   signed    the MADES envelope: ECDSA P-256 sign per message, verify against the directory on receipt
//   endpoint  the whole MessagingEndpoint path: outbox (SQLite) → relay → inbox batch commit → effect → ack back
// Uses AMQP_URL when set, else starts a private RabbitMQ node. Env: BENCH_MESSAGES, BENCH_PAYLOAD_BYTES, BENCH_ROUNDS.
import amqp from 'amqplib';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../packages/storage/src/index.js';
import { RabbitNode, stopAllServers } from '../packages/testing/src/index.js';
import { AmqpTransport, MessagingEndpoint, signEnvelope, toHeaders, verifyEnvelope } from '../packages/mades/src/index.js';
import { TestDirectory } from '../packages/mades/test/fixtures/directory.js';
import { createEffects, recordEffect } from '../packages/mades/test/fixtures/effects.js';

const N = Number(process.env.BENCH_MESSAGES ?? 10_000);
const SIZE = Number(process.env.BENCH_PAYLOAD_BYTES ?? 7 * 1024);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WINDOW = 256; // unconfirmed publishes in flight, as the relay's batch
const payload = Buffer.alloc(SIZE, 'x');

type Prepare = (i: number) => { body: Buffer; headers?: Record<string, string> };

/** Publishes N messages with confirms (bounded window) while one consumer acks them; returns msg/s. */
async function oneHop(url: string, queue: string, prepare: Prepare, check: (m: amqp.ConsumeMessage) => boolean): Promise<number> {
  const conn = await amqp.connect(url);
  const pub = await conn.createConfirmChannel();
  const sub = await conn.createChannel();
  await pub.assertQueue(queue, { durable: true });
  await pub.purgeQueue(queue);
  await sub.prefetch(WINDOW);
  let received = 0;
  let bad = 0;
  const done = new Promise<void>((resolve) => {
    void sub.consume(queue, (m) => {
      if (!m) return;
      if (!check(m)) bad++;
      sub.ack(m);
      if (++received === N) resolve();
    });
  });
  const t0 = process.hrtime.bigint();
  let inFlight: Promise<void>[] = [];
  for (let i = 0; i < N; i++) {
    const { body, headers } = prepare(i);
    inFlight.push(
      new Promise((resolve, reject) =>
        pub.publish('', queue, body, { persistent: true, messageId: String(i), ...(headers ? { headers } : {}) }, (err) => (err ? reject(err) : resolve())),
      ),
    );
    if (inFlight.length >= WINDOW) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await conn.close();
  if (bad) throw new Error(`${bad} messages failed the receiver's check`);
  return N / seconds;
}

async function endpointHop(url: string, dir: string, round: number, directory: TestDirectory, ids: { agr: Awaited<ReturnType<TestDirectory['issue']>>; core: Awaited<ReturnType<TestDirectory['issue']>> }): Promise<number> {
  const senderDb = await openDatabase({ sqliteFile: join(dir, `s${round}.db`) });
  const receiverDb = await openDatabase({ sqliteFile: join(dir, `r${round}.db`) });
  await createEffects(receiverDb);
  const [ts, tr] = [new AmqpTransport({ url }), new AmqpTransport({ url })];
  const sender = new MessagingEndpoint({ identity: ids.agr, directory, transport: ts, db: senderDb, pollIntervalMs: 20 });
  const receiver = new MessagingEndpoint({ identity: ids.core, directory, transport: tr, db: receiverDb });
  receiver.onMessage(recordEffect);
  await receiver.start();
  await sender.start();
  let received = 0;
  const all = new Promise<void>((resolve) => sender.on('status', (e) => e.status === 'RECEIVED' && ++received === N && resolve()));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 500) {
    await senderDb.transaction(async (trx) => {
      for (let j = i; j < Math.min(N, i + 500); j++) await sender.send({ receiverCode: ids.core.code, businessType: 'A01', payload, senderParty: '10X-AGR-PARTY-1' }, trx);
    });
  }
  await all;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await sender.stop();
  await receiver.stop();
  await ts.close();
  await tr.close();
  await senderDb.destroy();
  await receiverDb.destroy();
  return N / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const node = process.env.AMQP_URL ? undefined : await new RabbitNode().start();
  const url = process.env.AMQP_URL ?? node!.url;
  const dir = mkdtempSync(join(tmpdir(), 'mades-bench-'));
  const directory = new TestDirectory();
  const ids = { agr: await directory.register('10V-AGR-BENCH01', ['10X-AGR-PARTY-1']), core: await directory.register('10V-TPS-BENCH01', ['10X-TPS-PARTY-1']) };
  const signed: Prepare = () => ({
    body: payload,
    headers: toHeaders(signEnvelope(ids.agr, { receiver: ids.core.code, businessType: 'A01', senderParty: '10X-AGR-PARTY-1', ttlMs: 3_600_000 }, payload)),
  });
  const verify = (m: amqp.ConsumeMessage) => verifyEnvelope(m.properties.headers, m.content, { directory, self: ids.core.code, maxPayloadBytes: 1 << 20 }).ok;
  const results = { raw: [] as number[], signed: [] as number[], endpoint: [] as number[] };
  try {
    await oneHop(url, 'bench.warmup', () => ({ body: payload }), () => true); // JIT and broker warm-up
    for (let r = 0; r < ROUNDS; r++) {
      results.raw.push(await oneHop(url, 'bench.raw', () => ({ body: payload }), () => true));
      results.signed.push(await oneHop(url, 'bench.signed', signed, verify));
      if (process.env.BENCH_SKIP_ENDPOINT !== '1') results.endpoint.push(await endpointHop(url, dir, r, directory, ids));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopAllServers();
  }
  const raw = median(results.raw);
  const sig = median(results.signed);
  const fmt = (x: number) => `${Math.round(x).toLocaleString('en')} msg/s`;
  console.log(`messaging bench: ${N} messages × ${SIZE} B, persistent, publisher confirms (window ${WINDOW}), consumer acks; ${ROUNDS} rounds, medians`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, RabbitMQ at ${url.replace(/\/\/.*@/, '//')}`);
  console.log(`raw amqplib      ${fmt(raw)}   (rounds: ${results.raw.map(fmt).join(', ')})`);
  console.log(`signed envelope  ${fmt(sig)}   (rounds: ${results.signed.map(fmt).join(', ')})`);
  console.log(`ratio signed/raw ${(sig / raw).toFixed(2)}`);
  if (results.endpoint.length) {
    const ep = median(results.endpoint);
    console.log(`endpoint (outbox→relay→inbox→effect→ack, SQLite) ${fmt(ep)}   ratio/raw ${(ep / raw).toFixed(2)}   (rounds: ${results.endpoint.map(fmt).join(', ')})`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
