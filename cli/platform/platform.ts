// The composition root: starts the chosen components in this process — the directory first,
// then each business component with its store, its messaging node and its transport.
// `tps start` starts all four (embedded default); `tps serve X` one.
import { ConfigError, type PlatformConfig } from '../../packages/config/src/index.js';
import { createLogger } from '../../packages/http/src/index.js';
import { AmqpTransport, MemoryBroker, MemoryTransport, type Transport } from '../../packages/mades/src/index.js';
import { openComponentDatabase, type ComponentContext, type ComponentHandle, type ComponentName, type Messenger } from '../../packages/runtime/src/index.js';
import type { Database } from '../../packages/storage/src/index.js';
import { createMessagingNode, type MessagingComponent, type MessagingNode } from './messaging-node.js';
import { authenticationCredentials, clientCaPem, withServerTls, type InProcessCa } from './transport-security.js';

export const COMPONENT_NAMES: ComponentName[] = ['directory', 'core', 'agr', 'dso'];

export function isComponentName(name: string): name is ComponentName {
  return (COMPONENT_NAMES as string[]).includes(name);
}

type BusinessStarter = (ctx: ComponentContext, m: Messenger) => Promise<ComponentHandle>;

/**
 * Each component's code is imported when that component starts: a process serving one component
 * (`tps serve agr`) does not load and hold the others' (issue 14: the idle AGR/BRP process).
 */
const businessStarters: Record<MessagingComponent, () => Promise<BusinessStarter>> = {
  core: async () => (await import('../../broker/src/index.js')).startCore,
  agr: async () => (await import('../../endpoint-agr/src/index.js')).startAgrEndpoint,
  dso: async () => (await import('../../endpoint-dso/src/index.js')).startDsoEndpoint,
};

export interface StartedComponent extends ComponentHandle {
  db: Database;
}

export interface RunningPlatform {
  components: StartedComponent[];
  close(): Promise<void>;
}

export interface StartPlatformOptions {
  /** Ports per component; default from configuration (0 = any free port). */
  ports?: Partial<Record<ComponentName, number>>;
  /** How long a component waits for an administrator to approve it. */
  approvalTimeoutMs?: number;
  /** Wraps each messaging component's transport (e.g. to record what crosses the broker: `tps demo --out`). */
  transportDecorator?: (transport: Transport, component: MessagingComponent) => Transport;
}

export async function startPlatform(givenConfig: PlatformConfig, names: ComponentName[], options: StartPlatformOptions = {}): Promise<RunningPlatform> {
  const started: StartedComponent[] = [];
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    closers.length = 0;
  };
  let config = givenConfig;
  const messaging = names.filter((n): n is MessagingComponent => n !== 'directory');
  if (messaging.length > 0 && !config.amqpUrl && names.length < COMPONENT_NAMES.length) {
    throw new ConfigError('AMQP_URL', 'is required when components run in separate processes (the in-process transport only joins components of one process)');
  }
  // One in-process broker joins every component of this process when no RabbitMQ is configured.
  const memoryBroker = new MemoryBroker();
  // amqps: the broker's certificate is checked against the pinned CA (TPS_TLS_CA_FILE, the
  // in-process directory CA, or the CA received at enrolment); the component's authentication
  // certificate goes along for brokers that require client certificates.
  const amqpTlsFor = (trustPem: string | undefined, node: () => MessagingNode | undefined) => () => {
    const enrolled = node()?.enrolled;
    const caPem = trustPem ?? enrolled?.caCertificate.toString();
    return caPem ? { caPem, ...(enrolled ? authenticationCredentials(enrolled) : {}) } : undefined;
  };
  const transportFor = (tls: ReturnType<typeof amqpTlsFor>): Transport =>
    config.amqpUrl ? new AmqpTransport({ url: config.amqpUrl, queueType: config.amqpQueueType, tls }) : new MemoryTransport(memoryBroker);

  try {
    let directoryUrl = config.directoryUrl;
    let ca: InProcessCa | undefined;
    if (names.includes('directory')) {
      const db = await openComponentDatabase(config, 'directory');
      closers.push(() => db.destroy());
      const logger = createLogger('directory', config.logLevel);
      const { startDirectoryComponent } = await import('./directory-component.js');
      const handle = await startDirectoryComponent({ config, logger, db, host: config.host, port: options.ports?.directory ?? config.ports.directory });
      closers.push(() => handle.close());
      started.push({ ...handle, db });
      directoryUrl = handle.url;
      ca = handle.ca;
    }
    // TPS_TLS: every HTTPS server of this process presents the same server certificate.
    config = await withServerTls(config, ca, createLogger('platform', config.logLevel));
    const trustPem = clientCaPem(config, ca);
    if (messaging.length > 0 && !directoryUrl) throw new ConfigError('TPS_DIRECTORY_URL', 'is required when the directory runs in another process');
    const nodes: Array<{ directory: { syncNow(): Promise<unknown> } }> = [];
    for (const name of messaging) {
      const logger = createLogger(name, config.logLevel);
      const db = await openComponentDatabase(config, name);
      closers.push(() => db.destroy());
      let created: MessagingNode | undefined;
      const amqpTls = amqpTlsFor(trustPem, () => created);
      const transport = options.transportDecorator ? options.transportDecorator(transportFor(amqpTls), name) : transportFor(amqpTls);
      closers.push(() => transport.close());
      const node = await createMessagingNode({
        component: name,
        config,
        db,
        logger,
        transport,
        directoryUrl: directoryUrl!,
        ...(trustPem ? { caPem: trustPem } : {}),
        amqpTls,
        approvalTimeoutMs: options.approvalTimeoutMs ?? (config.autoApprove ? 30_000 : 15 * 60_000),
      });
      created = node;
      closers.push(() => node.close());
      // The business handler is registered before the node consumes: nothing arrives unhandled.
      // Every broker connection of this component (transport, facade broadcast) uses its amqps settings.
      const componentConfig: PlatformConfig = { ...config, tls: { ...config.tls, amqp: amqpTls } };
      const start = await businessStarters[name]();
      const handle = await start({ config: componentConfig, logger, db, host: config.host, port: options.ports?.[name] ?? config.ports[name] }, node.messenger);
      closers.push(() => handle.close());
      await node.start();
      nodes.push(node);
      started.push({ ...handle, db });
    }
    // Components enrolled after an earlier one synced: one more sync so all know each other from
    // the first message. Not needed for correctness (receivers refresh on an unknown signer or a
    // closed path, senders on an unknown receiver), it saves the first messages that refresh.
    await Promise.all(nodes.map((n) => n.directory.syncNow()));
  } catch (err) {
    await close();
    throw err;
  }
  return { components: started, close };
}
