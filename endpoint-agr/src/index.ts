// AGR/BRP endpoint: component entry. Started by `tps start` (embedded) or `tps serve agr`.
// A REST facade (RAML, F2) that turns calls into documents for the TPS core through the
// Messenger, and documents from the core into REST resources (F4b, F7a, F8b).
import amqp, { type ChannelModel } from 'amqplib';
import { listen } from '../../packages/http/src/index.js';
import type { ComponentContext, ComponentHandle, Messenger } from '../../packages/runtime/src/index.js';
import { AmqpChangeBroadcast, LocalChangeBroadcast, WaiterHub, type ChangeBroadcast } from '../../packages/rest/src/index.js';
import { makeEic } from '../../packages/iec62325/src/index.js';
import { createAgrApp } from './app.js';

export { createAgrApp, AGR_RAML_FILE, type AgrApp, type AgrDeps } from './app.js';
export { agrMigrations } from './storage/migrations.js';
export { InboundDocumentError } from './inbound.js';

/** The demo platform's EIC when none is configured (TPS_CORE_PARTY overrides it). */
export const DEFAULT_CORE_PARTY = makeEic('10X', 'TPS-CORE');

export interface AgrEndpointOptions {
  /** EIC of the TPS core; default the configured TPS party (TPS_CORE_PARTY). */
  coreParty?: string;
}

export async function startAgrEndpoint(ctx: ComponentContext, messenger: Messenger, options: AgrEndpointOptions = {}): Promise<ComponentHandle> {
  const hub = new WaiterHub();
  // Long-poll at scale: with RabbitMQ, a limit stored by any replica wakes waiters on all of them.
  let connection: ChannelModel | undefined;
  let broadcast: ChangeBroadcast = new LocalChangeBroadcast(hub);
  if (ctx.config.amqpUrl) {
    connection = await amqp.connect(ctx.config.amqpUrl);
    broadcast = await AmqpChangeBroadcast.create(connection, 'agr', hub);
  }
  try {
    const agr = await createAgrApp({
      db: ctx.db,
      messenger,
      logger: ctx.logger,
      coreParty: options.coreParty ?? ctx.config.identities.core.parties[0] ?? DEFAULT_CORE_PARTY,
      hub,
      broadcast,
      bodyLimitBytes: ctx.config.bodyLimitBytes,
      longPollMaxSeconds: ctx.config.longPollMaxSeconds,
      rateLimitPerMinute: ctx.config.rateLimitPerMinute,
    });
    const server = await listen(agr.app, ctx.port, ctx.host, { requestTimeoutMs: ctx.config.requestTimeoutMs });
    return {
      name: 'agr',
      url: server.url,
      close: async () => {
        await agr.close();
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
