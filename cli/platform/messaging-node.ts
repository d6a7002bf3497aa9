// Makes a business component a messaging endpoint (F1): enrols it with the component directory
// (keys made locally, CSR, approval), keeps a synchronised directory view, and runs the MADES
// endpoint over the given transport. Returns the Messenger the business code uses.
import { join } from 'node:path';
import type { Knex } from 'knex';
import { ConfigError, type PlatformConfig } from '../../packages/config/src/index.js';
import type { Logger } from '../../packages/http/src/index.js';
import { enrolComponent, DirectorySync, type EnrolledComponent } from '../../packages/directory-client/src/index.js';
import { BusinessChannel, MessagingEndpoint, type Transport } from '../../packages/mades/src/index.js';
import type { AmqpTlsSource } from '../../packages/mades/src/transport/amqp-tls.js';
import { MadesMessenger } from '../../packages/runtime/src/mades-messenger.js';
import { BUSINESS_TYPES } from '../../packages/runtime/src/messenger.js';
import type { PartyRole } from '../../packages/trust/src/index.js';
import { authenticationCredentials } from './transport-security.js';

export type MessagingComponent = 'core' | 'agr' | 'dso';

const ROLE: Record<MessagingComponent, PartyRole> = { core: 'TPS', agr: 'AGR', dso: 'DSO' };

export interface MessagingNodeOptions {
  component: MessagingComponent;
  config: PlatformConfig;
  db: Knex;
  logger: Logger;
  transport: Transport;
  directoryUrl: string;
  /** Pinned trust anchor for HTTPS to the directory; not needed on loopback HTTP. */
  caPem?: string;
  /** How long to wait for an administrator's approval. */
  approvalTimeoutMs: number;
  /** ECP-style business-application queues for this component; default `config.businessChannel` (needs `config.amqpUrl`). */
  businessChannel?: boolean;
  /** amqps settings of the business channel (pinned CA, client certificate). */
  amqpTls?: AmqpTlsSource;
}

export interface MessagingNode {
  messenger: MadesMessenger;
  endpoint: MessagingEndpoint;
  directory: DirectorySync;
  enrolled: EnrolledComponent;
  /** Present when the business-application channel is enabled for this component. */
  channel: BusinessChannel | undefined;
  /** Starts consuming; call after the business handler is registered. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function createMessagingNode(o: MessagingNodeOptions): Promise<MessagingNode> {
  const withChannel = o.businessChannel ?? o.config.businessChannel;
  if (withChannel && !o.config.amqpUrl) throw new ConfigError('TPS_BUSINESS_CHANNEL', 'needs AMQP_URL: the in-process transport has no business-application queues');
  const identity = o.config.identities[o.component];
  const coreCode = o.config.identities.core.code;
  // Mutual TLS: once enrolled, every directory call presents the authentication certificate.
  let enrolled: EnrolledComponent | undefined;
  const http = { baseUrl: o.directoryUrl, ...(o.caPem ? { caPem: o.caPem } : {}), clientCertificate: () => (enrolled ? authenticationCredentials(enrolled) : undefined) };
  enrolled = await enrolComponent({
    directory: http,
    keystoreDir: join(o.config.dataDir, o.component, 'keystore'),
    registration: {
      code: identity.code,
      type: o.component === 'core' ? 'TPS_CORE' : 'ENDPOINT',
      organisation: o.component === 'core' ? 'TPS platform' : `TPS ${o.component.toUpperCase()} endpoint`,
      contact: { email: 'operations@tps.invalid' },
      parties: identity.parties.map((party) => ({ party, role: ROLE[o.component] })),
    },
    approvalTimeoutMs: o.approvalTimeoutMs,
    pollIntervalMs: 500,
  });
  // Receiver-defined paths (as in ECP): the core takes documents from any approved component;
  // an endpoint takes them from the core only — AGR and DSO never talk directly (F1).
  await enrolled.setMessagePaths([{ sender: o.component === 'core' ? '*' : coreCode, businessType: '*' }]);
  const directory = new DirectorySync({
    directory: http,
    componentToken: enrolled.componentToken,
    caCertificate: enrolled.caCertificate,
    cacheFile: join(o.config.dataDir, o.component, 'directory-cache.json'),
    intervalMs: o.config.directorySyncSeconds * 1000,
    ttlMs: Math.max(24 * 3600 * 1000, o.config.directorySyncSeconds * 1000 * 10),
    logger: o.logger,
  });
  await directory.start();
  const endpoint = new MessagingEndpoint({
    identity: enrolled.identity,
    directory,
    transport: o.transport,
    db: o.db,
    // F1/NF3: documents encrypted for their receiver unless TPS_ENCRYPTION=off or the business type is exempt.
    encryption: o.config.encryption,
    // The core's and the endpoints' handlers only write through the transaction they are given and
    // defer everything else (outgoing messages, wake-ups, events) to its commit, so a batch needs a
    // savepoint per message only when one of them throws (issue 14).
    retrySafeHandler: true,
    log: (level, msg, extra) => o.logger[level](extra ?? {}, msg),
  });
  const messenger = new MadesMessenger({ endpoint, directory, parties: identity.parties, coreParty: o.config.identities.core.parties[0]! });
  // An application on tps.<code>.outbox sends the platform's own document kinds (the receiving
  // business code must understand them); every received document is also copied to tps.<code>.inbox.
  const channel = withChannel
    ? new BusinessChannel({ endpoint, directory, amqpUrl: o.config.amqpUrl!, ...(o.amqpTls ? { tls: o.amqpTls } : {}), parties: identity.parties, businessTypes: BUSINESS_TYPES, log: (level, msg, extra) => o.logger[level](extra ?? {}, msg) })
    : undefined;
  return {
    messenger,
    endpoint,
    directory,
    enrolled,
    channel,
    start: async () => {
      await endpoint.start();
      await channel?.start();
    },
    close: async () => {
      await channel?.stop();
      await endpoint.stop();
      await directory.stop();
    },
  };
}
