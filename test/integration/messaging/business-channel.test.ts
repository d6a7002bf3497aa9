// The business-application channel proven with a client this project did not write (F1): Python
// pika publishes a document to A's tps.<A>.outbox; A signs and sends it over the platform's
// transport queues to B; B verifies it and delivers it to tps.<B>.inbox, where pika takes it;
// A's tps.<A>.send.event reports ACCEPTED → DELIVERED → RECEIVED. Real RabbitMQ, real directory.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { openDatabase } from '../../../packages/storage/src/index.js';
import { sharedRabbitMQ, type RabbitNode } from '../../../packages/testing/src/index.js';
import { AmqpTransport, BusinessChannel, MessagingEndpoint, type SendEvent } from '../../../packages/mades/src/index.js';
import { startRealDirectory, type RealDirectory } from './real-directory-fixture.js';

const PYTHON = '/usr/bin/python3'; // the pyenv python3 first on PATH has no pika
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pika_client.py');

interface PikaMessage {
  body_b64: string;
  headers: Record<string, unknown>;
  message_id: string | null;
  correlation_id: string | null;
  content_type: string | null;
}
interface PikaJob {
  url: string;
  publish?: { queue: string; headers: Record<string, string>; body_b64: string; message_id?: string }[];
  consume?: { queue: string; count: number; timeout: number }[];
}

function pika(job: PikaJob): Promise<Record<string, PikaMessage[]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pika client exited ${code}: ${err}`));
      resolve((JSON.parse(out) as { consumed: Record<string, PikaMessage[]> }).consumed);
    });
    child.stdin.end(JSON.stringify(job));
  });
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const event = (m: PikaMessage) => JSON.parse(Buffer.from(m.body_b64, 'base64').toString('utf8')) as SendEvent;

describe('business-application channel tps.<code>.outbox / inbox / send.event, driven by Python pika (F1)', function () {
  this.timeout(60_000);
  let node: RabbitNode;
  let dir: RealDirectory;
  const cleanup: (() => Promise<unknown>)[] = [];
  let a: { code: string; party: string; channel: BusinessChannel };
  let b: { code: string; party: string; channel: BusinessChannel };

  before(async function () {
    this.timeout(120_000);
    const probe = spawnSync(PYTHON, ['-c', 'import pika'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(`${PYTHON} cannot import pika (install Debian python3-pika: apt-get install -y python3-pika): ${probe.stderr || probe.error}`);
    }
    node = await sharedRabbitMQ();
  });

  beforeEach(async () => {
    dir = await startRealDirectory();
    const ea = await dir.enrol('AGR');
    const eb = await dir.enrol('TPS', [{ sender: '*', businessType: '*' }]);
    const make = async (e: typeof ea, businessTypes?: string[]) => {
      const sync = dir.syncFor(e.enrolled);
      await sync.start();
      const db: Knex = await openDatabase({ sqliteFile: ':memory:' });
      const transport = new AmqpTransport({ url: node.url });
      const endpoint = new MessagingEndpoint({ identity: e.enrolled.identity, directory: sync, transport, db, pollIntervalMs: 50, maxPayloadBytes: 64 * 1024 });
      const channel = new BusinessChannel({ endpoint, directory: sync, amqpUrl: node.url, parties: [e.party], ...(businessTypes ? { businessTypes } : {}), maxPayloadBytes: 64 * 1024 });
      await endpoint.start();
      await channel.start();
      cleanup.push(async () => {
        await channel.stop();
        await endpoint.stop();
        await transport.close();
        await db.destroy();
      });
      return { code: e.enrolled.code, party: e.party, channel };
    };
    a = await make(ea, ['schedule', 'capacity-limit']);
    b = await make(eb);
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
    await dir.close();
  });

  it('F1: a document pika publishes to A\'s outbox arrives byte-identical in B\'s inbox; A\'s send.event reports ACCEPTED → DELIVERED → RECEIVED', async () => {
    const doc = Buffer.concat([Buffer.from('<GL_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-2:generationloaddocument:3:2">ü€'), Buffer.from([0, 1, 2, 255]), Buffer.from('</GL_MarketDocument>')]);
    const ba = `plan-${randomUUID()}`;
    const appMessageId = randomUUID();
    const consumed = await pika({
      url: node.url,
      publish: [{ queue: `tps.${a.code}.outbox`, headers: { receiverCode: b.code, messageType: 'schedule', baMessageID: ba, senderParty: a.party }, body_b64: b64(doc), message_id: appMessageId }],
      consume: [
        { queue: `tps.${b.code}.inbox`, count: 1, timeout: 20 },
        { queue: `tps.${a.code}.send.event`, count: 3, timeout: 20 },
      ],
    });
    const [received] = consumed[`tps.${b.code}.inbox`] ?? [];
    expect(received, 'document in B\'s application inbox').to.not.equal(undefined);
    expect(Buffer.compare(Buffer.from(received!.body_b64, 'base64'), doc), 'byte-identical').to.equal(0);
    expect(received!.headers).to.include({ baMessageID: ba, messageType: 'schedule', senderCode: a.code, senderParty: a.party, receiverCode: b.code });
    const events = (consumed[`tps.${a.code}.send.event`] ?? []).map(event);
    expect(events.map((e) => e.status)).to.deep.equal(['ACCEPTED', 'DELIVERED', 'RECEIVED']);
    expect(new Set(events.map((e) => e.messageID)).size).to.equal(1);
    expect(events[0]!.messageID).to.equal(received!.headers.messageID);
    expect(events.every((e) => e.baMessageID === ba)).to.equal(true);
    expect((consumed[`tps.${a.code}.send.event`] ?? []).map((m) => m.correlation_id)).to.deep.equal([appMessageId, appMessageId, appMessageId]);
  });

  it('F1: unknown receiver, unknown business type, oversized, missing or foreign properties → FAILED on send.event with a reason, nothing sent; the channel keeps working', async () => {
    const ok = { receiverCode: b.code, messageType: 'schedule', senderParty: a.party };
    const bad: [string, Record<string, string>, Buffer][] = [
      ['UNKNOWN_RECEIVER', { ...ok, receiverCode: '10V-NOBODY-HERE1', baMessageID: 'r1' }, Buffer.from('<a/>')],
      ['UNKNOWN_BUSINESS_TYPE', { ...ok, messageType: 'asset-list', baMessageID: 'r2' }, Buffer.from('<a/>')],
      ['PAYLOAD_TOO_LARGE', { ...ok, baMessageID: 'r3' }, Buffer.alloc(64 * 1024 + 1, 0x41)],
      ['INVALID_PROPERTIES', { messageType: 'schedule', baMessageID: 'r4' }, Buffer.from('<a/>')],
      ['INVALID_PROPERTIES', { receiverCode: b.code, baMessageID: 'r5' }, Buffer.from('<a/>')],
      ['SENDER_PARTY_MISMATCH', { ...ok, senderParty: b.party, baMessageID: 'r6' }, Buffer.from('<a/>')],
      ['EMPTY_PAYLOAD', { ...ok, baMessageID: 'r7' }, Buffer.alloc(0)],
    ];
    const consumed = await pika({
      url: node.url,
      publish: [
        ...bad.map(([, headers, body]) => ({ queue: `tps.${a.code}.outbox`, headers, body_b64: b64(body) })),
        { queue: `tps.${a.code}.outbox`, headers: { ...ok, baMessageID: 'good' }, body_b64: b64('<good/>') },
      ],
      consume: [
        { queue: `tps.${a.code}.send.event`, count: bad.length + 3, timeout: 25 },
        { queue: `tps.${b.code}.inbox`, count: 1, timeout: 5 },
      ],
    });
    const events = (consumed[`tps.${a.code}.send.event`] ?? []).map(event);
    const refused = events.filter((e) => e.baMessageID.startsWith('r'));
    expect(refused.map((e) => [e.baMessageID, e.status, e.reason])).to.deep.equal(bad.map(([reason, h]) => [h.baMessageID, 'FAILED', reason]));
    expect(refused.every((e) => e.messageID === ''), 'nothing was sent for them').to.equal(true);
    expect(events.filter((e) => e.baMessageID === 'good').map((e) => e.status)).to.deep.equal(['ACCEPTED', 'DELIVERED', 'RECEIVED']);
    const inbox = consumed[`tps.${b.code}.inbox`] ?? [];
    expect(inbox.map((m) => Buffer.from(m.body_b64, 'base64').toString())).to.deep.equal(['<good/>']);
  });

  it('F1: a redelivered outbox message with the same AMQP message-id is sent once', async () => {
    const appMessageId = randomUUID();
    const msg = { queue: `tps.${a.code}.outbox`, headers: { receiverCode: b.code, messageType: 'capacity-limit', baMessageID: 'twice' }, body_b64: b64('<limit/>'), message_id: appMessageId };
    const consumed = await pika({
      url: node.url,
      publish: [msg, msg],
      consume: [
        { queue: `tps.${b.code}.inbox`, count: 2, timeout: 4 },
        { queue: `tps.${a.code}.send.event`, count: 4, timeout: 3 },
      ],
    });
    expect(consumed[`tps.${b.code}.inbox`]).to.have.length(1);
    expect((consumed[`tps.${a.code}.send.event`] ?? []).map(event).map((e) => e.status)).to.deep.equal(['ACCEPTED', 'DELIVERED', 'RECEIVED']);
  });
});
