// npx tsx bench/encryption.bench.ts — the CPU cost of payload encryption (F1/NF3, issue 13):
//   crypto    per message: seal (ECDH-ES P-256 + HKDF + AES-KW + AES-256-GCM, then ECDSA sign) and
//             verify + open (ECDSA verify, ECDH + unwrap + GCM decrypt), against sign + verify of
//             the same envelope in clear; 7 kB and 40 kB payloads
//   endpoint  the whole MessagingEndpoint path (outbox SQLite → relay → in-process transport →
//             inbox batch → effect → signed ACK back → RECEIVED) with encryption required vs off
// CPU time of this process (process.cpuUsage, user + system), not wall time: the machine is shared.
// Variants alternate within each round; medians over BENCH_ROUNDS (default 7). Env: BENCH_MESSAGES.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../packages/storage/src/index.js';
import { DEFAULT_ENCRYPTION_POLICY, MemoryBroker, MemoryTransport, MessagingEndpoint, openPayload, sealEnvelope, toHeaders, verifyEnvelope, type EncryptionPolicy } from '../packages/mades/src/index.js';
import { TestDirectory } from '../packages/mades/test/fixtures/directory.js';
import { createEffects, recordEffect } from '../packages/mades/test/fixtures/effects.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CRYPTO_N = Number(process.env.BENCH_MESSAGES ?? 2_000);
const ENDPOINT_N = Math.min(CRYPTO_N, 1_000);

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();

const directory = new TestDirectory();
const agr = await directory.register('10V-AGR-BENCH-01', ['10X-AGR-PARTY-1']);
const core = await directory.register('10V-TPS-BENCH-01', ['10X-TPS-PARTY-1']);
const coreCert = directory.encryptionCertificates(core.code)[0]!;
const fields = { receiver: core.code, businessType: 'A01', senderParty: '10X-AGR-PARTY-1', ttlMs: 60_000 };
const verifyOptions = { directory, self: core.code, maxPayloadBytes: 1 << 20 };

/** CPU µs per message for one send + receive of the envelope, encrypted or not. */
function cryptoRound(payload: Buffer, encrypt: boolean): { total: number; send: number; receive: number } {
  const sealed: { headers: Record<string, string>; body: Buffer }[] = [];
  const t0 = cpuMicros();
  for (let i = 0; i < CRYPTO_N; i++) {
    const { envelope, body } = sealEnvelope(agr, fields, payload, encrypt ? coreCert : undefined);
    sealed.push({ headers: toHeaders(envelope) as Record<string, string>, body });
  }
  const t1 = cpuMicros();
  for (const m of sealed) {
    const v = verifyEnvelope(m.headers, m.body, verifyOptions);
    if (!v.ok) throw new Error(v.detail);
    const opened = openPayload(v.envelope, m.body, core, encrypt ? DEFAULT_ENCRYPTION_POLICY : { mode: 'off' });
    if (!opened.ok || opened.payload.length !== payload.length) throw new Error('round trip failed');
  }
  const t2 = cpuMicros();
  return { total: (t2 - t0) / CRYPTO_N, send: (t1 - t0) / CRYPTO_N, receive: (t2 - t1) / CRYPTO_N };
}

/** CPU µs per message through two endpoints over the in-process transport, until all are RECEIVED. */
async function endpointRound(payload: Buffer, encryption: EncryptionPolicy): Promise<number> {
  const broker = new MemoryBroker();
  const senderDb = await openDatabase({ sqliteFile: ':memory:' });
  const receiverDb = await openDatabase({ sqliteFile: ':memory:' });
  await createEffects(receiverDb);
  const sender = new MessagingEndpoint({ identity: agr, directory, transport: new MemoryTransport(broker), db: senderDb, pollIntervalMs: 20, encryption });
  const receiver = new MessagingEndpoint({ identity: core, directory, transport: new MemoryTransport(broker), db: receiverDb, encryption });
  receiver.onMessage(recordEffect);
  await receiver.start();
  await sender.start();
  let received = 0;
  const all = new Promise<void>((resolve) => sender.on('status', (s) => s.status === 'RECEIVED' && ++received === ENDPOINT_N && resolve()));
  const t0 = cpuMicros();
  for (let i = 0; i < ENDPOINT_N; i += 250) {
    await senderDb.transaction(async (trx) => {
      for (let j = i; j < Math.min(ENDPOINT_N, i + 250); j++) await sender.send({ ...fields, receiverCode: core.code, payload, baMessageID: `b${j}` }, trx);
    });
  }
  await all;
  const cpu = (cpuMicros() - t0) / ENDPOINT_N;
  await sender.stop();
  await receiver.stop();
  await senderDb.destroy();
  await receiverDb.destroy();
  return cpu;
}

const out: string[] = [];
const say = (line: string) => {
  out.push(line);
  console.log(line);
};
say(`load before: ${loadavg()}  (node ${process.version}, ${ROUNDS} rounds, crypto ${CRYPTO_N} msg/round, endpoint ${ENDPOINT_N} msg/round)`);
for (const size of [7 * 1024, 40 * 1024]) {
  const payload = Buffer.alloc(size, '<x>1.5</x>');
  cryptoRound(payload, true); // warm-up (JIT, key caches)
  const clear: ReturnType<typeof cryptoRound>[] = [];
  const enc: ReturnType<typeof cryptoRound>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    clear.push(cryptoRound(payload, false));
    enc.push(cryptoRound(payload, true));
  }
  const m = (xs: ReturnType<typeof cryptoRound>[], k: 'total' | 'send' | 'receive') => median(xs.map((x) => x[k]));
  say(
    `crypto ${size / 1024} kB: clear sign+verify ${m(clear, 'total').toFixed(0)} µs/msg (send ${m(clear, 'send').toFixed(0)}, receive ${m(clear, 'receive').toFixed(0)}); ` +
      `encrypted ${m(enc, 'total').toFixed(0)} µs/msg (send ${m(enc, 'send').toFixed(0)}, receive ${m(enc, 'receive').toFixed(0)}); ` +
      `encryption adds ${(m(enc, 'total') - m(clear, 'total')).toFixed(0)} µs/msg; rounds encrypted: ${enc.map((x) => x.total.toFixed(0)).join(' / ')}`,
  );
}
{
  const payload = Buffer.alloc(7 * 1024, '<x>1.5</x>');
  await endpointRound(payload, DEFAULT_ENCRYPTION_POLICY); // warm-up
  const off: number[] = [];
  const on: number[] = [];
  for (let r = 0; r < Math.min(ROUNDS, 5); r++) {
    off.push(await endpointRound(payload, { mode: 'off' }));
    on.push(await endpointRound(payload, DEFAULT_ENCRYPTION_POLICY));
  }
  say(
    `endpoint 7 kB (in-process transport, SQLite): off ${median(off).toFixed(0)} µs/msg [${off.map((x) => x.toFixed(0)).join(' / ')}]; ` +
      `required ${median(on).toFixed(0)} µs/msg [${on.map((x) => x.toFixed(0)).join(' / ')}]; ratio ${(median(on) / median(off)).toFixed(2)}`,
  );
}
say(`load after: ${loadavg()}`);
