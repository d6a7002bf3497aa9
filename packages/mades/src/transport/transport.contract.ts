// The transport contract (F1): one suite, run against RabbitMQ (test/amqp-transport.test.ts) and
// against the embedded in-process transport (memory-transport.test.ts). Anything the messaging
// layer relies on from a broker is pinned here.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Topology } from './topology.js';
import type { DeadLetter, Delivery, OutgoingMessage, Transport } from './transport.js';

export interface TransportFactory {
  /** A new connection to the same broker as every other one this factory made. */
  connect(): Promise<Transport>;
}

const code = (role: string) => `T-${role}-${randomUUID().slice(0, 8)}`;
const message = (receiver: string, sender: string, i: number, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  receiver,
  messageId: randomUUID(),
  body: Buffer.from(`payload ${i}`),
  headers: { [Topology.senderHeader]: sender, 'tps-n': String(i) },
  priority: 0,
  ...extra,
});

/** Collects deliveries until `n` arrived or `ms` passed. */
function collector<T extends Delivery>() {
  const got: T[] = [];
  let wake: (() => void) | undefined;
  return {
    got,
    on: (d: T) => {
      got.push(d);
      wake?.();
    },
    async until(n: number, ms = 5_000): Promise<T[]> {
      const deadline = Date.now() + ms;
      while (got.length < n && Date.now() < deadline) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, Math.min(50, deadline - Date.now()));
        });
      }
      return got;
    },
  };
}

export function transportContract(name: string, factory: () => TransportFactory): void {
  describe(`transport contract: ${name} (F1)`, function () {
    this.timeout(30_000);
    let f: TransportFactory;
    const open: Transport[] = [];
    const connect = async () => {
      const t = await f.connect();
      open.push(t);
      return t;
    };
    before(() => {
      f = factory();
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((t) => t.close()));
    });

    it('F1: many publish calls in flight at once are all confirmed and leave no listener behind (no MaxListenersExceededWarning)', async () => {
      // The relay, the emergency fast lane and the transport acknowledgements publish concurrently.
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      const warnings: Error[] = [];
      const onWarning = (w: Error) => void (w.name === 'MaxListenersExceededWarning' && warnings.push(w));
      process.on('warning', onWarning);
      try {
        const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => t.publish([message(r, s, i)])));
        expect(outcomes.flat()).to.deep.equal(Array(40).fill('confirmed'));
        await new Promise((done) => setImmediate(done)); // warnings are emitted on the next tick
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings.map((w) => w.message)).to.deep.equal([]);
    });

    it('F1: publishes with confirmation and delivers body, headers, message ID; an acked message is gone', async () => {
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      const msgs = [0, 1, 2].map((i) => message(r, s, i));
      expect(await t.publish(msgs)).to.deep.equal(['confirmed', 'confirmed', 'confirmed']);
      const c = collector<Delivery>();
      const sub = await t.consumeInbox(r, c.on, { prefetch: 10 });
      const got = await c.until(3);
      expect(got.map((d) => d.body.toString())).to.deep.equal(['payload 0', 'payload 1', 'payload 2']);
      expect(got.map((d) => d.messageId)).to.deep.equal(msgs.map((m) => m.messageId));
      expect(got[1]!.headers['tps-n']).to.equal('1');
      expect(got[0]!.redelivered).to.equal(false);
      got.forEach((d) => d.ack());
      await sub.cancel();
      const again = collector<Delivery>();
      await (await connect()).consumeInbox(r, again.on, { prefetch: 10 });
      expect(await again.until(1, 400)).to.have.length(0);
    });

    it('F1: a message for a receiver without a queue is reported unroutable, not silently lost', async () => {
      const t = await connect();
      expect(await t.publish([message(code('NOBODY'), code('S'), 0)])).to.deep.equal(['unroutable']);
    });

    it('F1: unacknowledged messages are redelivered after the consumer connection closes, and after requeue()', async () => {
      const t1 = await connect();
      const [r, s] = [code('R'), code('S')];
      await t1.declareComponent(r);
      await t1.publish([0, 1, 2].map((i) => message(r, s, i)));
      const c1 = collector<Delivery>();
      await t1.consumeInbox(r, c1.on, { prefetch: 10 });
      expect(await c1.until(3)).to.have.length(3);
      await t1.close(); // like a crashed consumer: nothing was acked
      const t2 = await connect();
      const c2 = collector<Delivery>();
      await t2.consumeInbox(r, c2.on, { prefetch: 10 });
      const again = await c2.until(3);
      expect(again.map((d) => d.body.toString()).sort()).to.deep.equal(['payload 0', 'payload 1', 'payload 2']);
      expect(again.every((d) => d.redelivered)).to.equal(true);
      again[0]!.requeue();
      const third = await c2.until(4);
      expect(third[3]!.body.toString()).to.equal(again[0]!.body.toString());
      expect(third[3]!.redelivered).to.equal(true);
    });

    it('F1: prefetch bounds the unacknowledged deliveries in flight', async () => {
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      await t.publish([0, 1, 2, 3, 4].map((i) => message(r, s, i)));
      const c = collector<Delivery>();
      await t.consumeInbox(r, c.on, { prefetch: 2 });
      expect(await c.until(3, 400)).to.have.length(2);
      c.got[0]!.ack();
      expect(await c.until(3)).to.have.length(3);
    });

    it('F1: an expired message is dead-lettered to its sender with reason "expired"', async () => {
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      await t.declareComponent(s);
      const m = message(r, s, 7, { expirationMs: 100 });
      expect(await t.publish([m, message(r, s, 8)])).to.deep.equal(['confirmed', 'confirmed']);
      const dead = collector<DeadLetter>();
      await t.consumeDeadLetters(s, dead.on, { prefetch: 10 });
      const [d] = await dead.until(1);
      expect(d, 'dead letter').to.not.equal(undefined);
      expect(d!.deathReason).to.equal('expired');
      expect(d!.body.toString()).to.equal('payload 7');
      expect(d!.headers['tps-n']).to.equal('7');
      d!.ack();
      // The other message, without TTL, is still waiting for its receiver.
      const live = collector<Delivery>();
      await t.consumeInbox(r, live.on, { prefetch: 10 });
      expect((await live.until(1)).map((x) => x.body.toString())).to.deep.equal(['payload 8']);
    });

    it('F1: deadLetter() refuses a poison message for good: it reaches the sender\'s dead letters, not the inbox again', async () => {
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      await t.declareComponent(s);
      await t.publish([message(r, s, 1)]);
      const c = collector<Delivery>();
      await t.consumeInbox(r, c.on, { prefetch: 10 });
      (await c.until(1))[0]!.deadLetter();
      const dead = collector<DeadLetter>();
      await t.consumeDeadLetters(s, dead.on, { prefetch: 10 });
      expect((await dead.until(1)).map((d) => d.deathReason)).to.deep.equal(['rejected']);
      expect(await c.until(2, 300)).to.have.length(1);
    });

    it('F1: emergency (priority 9) messages overtake waiting normal ones', async () => {
      const t = await connect();
      const [r, s] = [code('R'), code('S')];
      await t.declareComponent(r);
      await t.publish([0, 1, 2, 3].map((i) => message(r, s, i)));
      await t.publish([message(r, s, 99, { priority: 9 })]);
      const c = collector<Delivery>();
      await t.consumeInbox(r, c.on, { prefetch: 1 });
      const [first] = await c.until(1);
      expect(first!.body.toString()).to.equal('payload 99');
      expect(first!.priority).to.equal(9);
    });
  });
}
