// The raw ceiling of issue 14: the same payload sizes through two amqplib hops with the same
// persistence as the platform — publisher (confirms, window 256) → queue A → relay (consumes,
// republishes to queue B with confirms, acks A after B's confirm) → consumer (acks). Durable
// queues, persistent messages. No envelope, no database, no XML: what RabbitMQ itself allows.
import amqp from 'amqplib';

export interface RawCeilingOptions {
  url: string;
  messages: number;
  /** Body bytes of hop 1 (publisher → relay) and hop 2 (relay → consumer). */
  hop1Bytes: number;
  hop2Bytes: number;
  window?: number;
  onProgress?: (done: number) => void;
}

export async function rawTwoHops(o: RawCeilingOptions): Promise<number> {
  const window = o.window ?? 256;
  const tag = Math.random().toString(36).slice(2, 8);
  const [qa, qb] = [`bench.raw.a.${tag}`, `bench.raw.b.${tag}`];
  const pubConn = await amqp.connect(o.url);
  const relayConn = await amqp.connect(o.url);
  const subConn = await amqp.connect(o.url);
  try {
    const pub = await pubConn.createConfirmChannel();
    await pub.assertQueue(qa, { durable: true });
    await pub.assertQueue(qb, { durable: true });
    const relayIn = await relayConn.createChannel();
    const relayOut = await relayConn.createConfirmChannel();
    await relayIn.prefetch(window);
    const body1 = Buffer.alloc(o.hop1Bytes, 'a');
    const body2 = Buffer.alloc(o.hop2Bytes, 'b');
    await relayIn.consume(qa, (m) => {
      if (!m) return;
      relayOut.publish('', qb, body2, { persistent: true, messageId: m.properties.messageId as string }, (err) => {
        if (err) relayIn.nack(m, false, true);
        else relayIn.ack(m);
      });
    });
    const sub = await subConn.createChannel();
    await sub.prefetch(window);
    let received = 0;
    const done = new Promise<void>((resolve) => {
      void sub.consume(qb, (m) => {
        if (!m) return;
        sub.ack(m);
        received++;
        if (received % 200 === 0) o.onProgress?.(received);
        if (received === o.messages) resolve();
      });
    });
    const t0 = performance.now();
    let inFlight: Promise<void>[] = [];
    for (let i = 0; i < o.messages; i++) {
      inFlight.push(new Promise((resolve, reject) => pub.publish('', qa, body1, { persistent: true, messageId: String(i) }, (err) => (err ? reject(err) : resolve()))));
      if (inFlight.length >= window) {
        await Promise.all(inFlight);
        inFlight = [];
      }
    }
    await Promise.all(inFlight);
    await done;
    const seconds = (performance.now() - t0) / 1000;
    o.onProgress?.(o.messages);
    await pub.deleteQueue(qa).catch(() => undefined);
    await pub.deleteQueue(qb).catch(() => undefined);
    return o.messages / seconds;
  } finally {
    await pubConn.close().catch(() => undefined);
    await relayConn.close().catch(() => undefined);
    await subConn.close().catch(() => undefined);
  }
}
