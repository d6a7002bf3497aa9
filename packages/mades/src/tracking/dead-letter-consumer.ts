// TTL expiry → FAILED (F1): the broker dead-letters an expired message to its sender's
// dead-letter queue; the sender turns it into a FAILED status. The dead letter is checked against
// the sender's own certificate first, so nobody can fail another component's messages by
// publishing into the dead-letter exchange.
import type { Knex } from 'knex';
import { verify } from 'node:crypto';
import type { ComponentIdentity } from '../../../trust/src/index.js';
import { FailedReason } from '../errors.js';
import { canonicalString } from '../envelope/canonical.js';
import { parseHeaders, type Envelope } from '../envelope/headers.js';
import type { DeadLetter, Subscription, Transport } from '../transport/transport.js';
import { applyTransitions, type StatusChange } from './status.js';

export class DeadLetterConsumer {
  private sub: Subscription | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: {
      db: Knex;
      transport: Transport;
      identity: ComponentIdentity;
      onChanges(changes: StatusChange[]): void;
      log(level: 'warn' | 'error', msg: string, extra?: object): void;
    },
  ) {}

  async start(): Promise<void> {
    this.sub = await this.o.transport.consumeDeadLetters(this.o.identity.code, (d) => (this.chain = this.chain.then(() => this.handle(d))), { prefetch: 50 });
  }

  async stop(): Promise<void> {
    await this.sub?.cancel();
    await this.chain;
  }

  private async handle(d: DeadLetter): Promise<void> {
    const parsed = parseHeaders(d.headers);
    if (!('envelope' in parsed) || parsed.envelope.sender !== this.o.identity.code || !this.signedByMe(parsed.envelope)) {
      this.o.log('warn', 'dead letter not signed by this component ignored', { messageId: d.messageId });
      return d.ack();
    }
    const e = parsed.envelope;
    if (e.kind === 'ACK') return d.ack(); // an acknowledgement that expired: nothing is tracked for it
    const reason = d.deathReason === 'expired' ? FailedReason.TTL_EXPIRED : FailedReason.DEAD_LETTERED;
    try {
      const changes = await applyTransitions(this.o.db, [{ messageId: e.messageId, status: 'FAILED', reason, detail: `dead-lettered by the broker (${d.deathReason})`, at: new Date().toISOString() }]);
      d.ack();
      this.o.onChanges(changes);
    } catch (err) {
      this.o.log('error', 'could not record a dead letter; requeueing', { err: String(err) });
      setTimeout(() => d.requeue(), 500).unref();
    }
  }

  private signedByMe(e: Envelope): boolean {
    const key = this.o.identity.signingCertificate.publicKey;
    return verify('sha256', Buffer.from(canonicalString(e), 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(e.signature, 'base64url'));
  }
}
