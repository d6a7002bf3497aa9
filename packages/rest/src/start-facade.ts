// Starts a REST facade component (AGR/BRP or DSO endpoint): its long-poll hub, the wake-up
// broadcast (RabbitMQ fanout across replicas when AMQP_URL is set, in-process otherwise), the
// app the caller builds, and the HTTP server — and closes them in the right order.
import amqp, { type ChannelModel } from 'amqplib';
import { amqpSocketOptions } from '../../mades/src/transport/amqp-tls.js';
import type { Express } from 'express';
import { listen } from '../../http/src/index.js';
import type { ComponentContext, ComponentHandle, ComponentName, Messenger } from '../../runtime/src/index.js';
import type { Database } from '../../storage/src/index.js';
import type { Logger } from '../../http/src/index.js';
import { AmqpChangeBroadcast, LocalChangeBroadcast, type ChangeBroadcast } from './change-broadcast.js';
import { WaiterHub } from './waiter-hub.js';

export interface FacadeApp {
  app: Express;
  close(): Promise<void>;
}

/** What both facades' app factories take from the platform. */
export interface FacadeDeps {
  db: Database;
  messenger: Messenger;
  logger: Logger;
  /** EIC of the TPS core: the receiver of every document sent, the only accepted sender. */
  coreParty: string;
  hub: WaiterHub;
  broadcast: ChangeBroadcast;
  bodyLimitBytes: number;
  longPollMaxSeconds: number;
  rateLimitPerMinute: number;
}

export async function startRestFacade(
  ctx: ComponentContext,
  messenger: Messenger,
  name: Extract<ComponentName, 'agr' | 'dso'>,
  create: (deps: FacadeDeps) => Promise<FacadeApp>,
  coreParty: string = ctx.config.identities.core.parties[0]!,
): Promise<ComponentHandle> {
  const hub = new WaiterHub();
  // Long-poll at scale: with RabbitMQ, news stored by any replica wakes waiters on all of them.
  let connection: ChannelModel | undefined;
  let broadcast: ChangeBroadcast = new LocalChangeBroadcast(hub);
  try {
    if (ctx.config.amqpUrl) {
      connection = await amqp.connect(ctx.config.amqpUrl, amqpSocketOptions(ctx.config.amqpUrl, ctx.config.tls.amqp));
      broadcast = await AmqpChangeBroadcast.create(connection, name, hub);
    }
    const facade = await create({
      db: ctx.db,
      messenger,
      logger: ctx.logger,
      coreParty,
      hub,
      broadcast,
      bodyLimitBytes: ctx.config.bodyLimitBytes,
      longPollMaxSeconds: ctx.config.longPollMaxSeconds,
      rateLimitPerMinute: ctx.config.rateLimitPerMinute,
    });
    const server = await listen(facade.app, ctx.port, ctx.host, { requestTimeoutMs: ctx.config.requestTimeoutMs, tls: ctx.config.tls.server });
    return {
      name,
      url: server.url,
      close: async () => {
        hub.close(); // answers every parked long-poll and SSE stream first
        await facade.close();
        await server.close();
        await broadcast.close();
        await connection?.close().catch(() => undefined);
      },
    };
  } catch (err) {
    await connection?.close().catch(() => undefined);
    throw err;
  }
}
