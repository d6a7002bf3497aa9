// Wakes long-poll waiters on every replica of a component: the replica that stores a new item
// publishes its key; each replica's hub notifies its own waiters. In one process the broadcast
// is a direct call; across replicas it is a RabbitMQ fanout exchange (no database polling).
import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel } from 'amqplib';
import type { WaiterHub } from './waiter-hub.js';

export interface ChangeBroadcast {
  publish(key: string): Promise<void>;
  close(): Promise<void>;
}

export class LocalChangeBroadcast implements ChangeBroadcast {
  constructor(private readonly hub: WaiterHub) {}
  async publish(key: string): Promise<void> {
    this.hub.notify(key);
  }
  async close(): Promise<void> {}
}

export class AmqpChangeBroadcast implements ChangeBroadcast {
  private constructor(
    private readonly channel: Channel,
    private readonly exchange: string,
    private readonly hub: WaiterHub,
    private readonly replica: string,
  ) {}

  /** `name` scopes the fanout to one component kind, e.g. 'agr' → exchange tps.changes.agr. */
  static async create(connection: ChannelModel, name: string, hub: WaiterHub): Promise<AmqpChangeBroadcast> {
    const channel = await connection.createChannel();
    const exchange = `tps.changes.${name}`;
    const replica = randomUUID();
    await channel.assertExchange(exchange, 'fanout', { durable: true });
    // A private, auto-deleted queue per replica: wake-ups are transient by nature.
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(queue, exchange, '');
    // Our own publications were already notified locally (see publish).
    await channel.consume(queue, (msg) => msg && msg.properties.appId !== replica && hub.notify(msg.content.toString('utf8')), { noAck: true });
    return new AmqpChangeBroadcast(channel, exchange, hub, replica);
  }

  /**
   * Wakes this replica's waiters at once — no round trip through the broker, which under load
   * queues behind other deliveries (issue 14, benchmark 2: emergency signals) — and the other
   * replicas through the fanout.
   */
  async publish(key: string): Promise<void> {
    this.hub.notify(key);
    this.channel.publish(this.exchange, '', Buffer.from(key, 'utf8'), { persistent: false, appId: this.replica });
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
  }
}
