// Declares the RabbitMQ topology (F1), idempotently: a direct exchange routed by component code,
// a durable inbox per component (quorum when configured for a cluster), a headers dead-letter
// exchange that routes expired or refused messages back to their sender's dead-letter queue.
import type { Channel } from 'amqplib';
import { Topology } from './topology.js';

export type QueueType = 'classic' | 'quorum';

export async function declareShared(ch: Channel): Promise<void> {
  await ch.assertExchange(Topology.exchange, 'direct', { durable: true });
  await ch.assertExchange(Topology.deadLetterExchange, 'headers', { durable: true });
}

export async function declareComponentQueues(ch: Channel, code: string, queueType: QueueType): Promise<void> {
  const typeArgs: Record<string, unknown> =
    queueType === 'quorum'
      ? { 'x-queue-type': 'quorum' } // RabbitMQ 3.10 quorum queues have no priorities; the cluster trades them for replication
      : { 'x-max-priority': Topology.maxPriority };
  await ch.assertQueue(Topology.inbox(code), {
    durable: true,
    arguments: { ...typeArgs, 'x-dead-letter-exchange': Topology.deadLetterExchange },
  });
  await ch.bindQueue(Topology.inbox(code), Topology.exchange, code);
  await ch.assertQueue(Topology.deadLetters(code), {
    durable: true,
    arguments: queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {},
  });
  await ch.bindQueue(Topology.deadLetters(code), Topology.deadLetterExchange, '', { 'x-match': 'all', [Topology.senderHeader]: code });
}
