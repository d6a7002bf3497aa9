// The platform's settings, read once at start-up from the environment (12-factor: Docker and
// Kubernetes configure everything this way).
import { resolve } from 'node:path';
import { bool, int, oneOf, optionalStr, port, str, url } from './env.js';
import { ConfigError } from './config-error.js';
import { loadTlsConfig, type TlsConfig } from './tls-config.js';

export interface PlatformConfig {
  dataDir: string;
  /** PostgreSQL when set; SQLite files under dataDir otherwise. */
  databaseUrl: string | undefined;
  /** RabbitMQ when set; the in-process transport otherwise (embedded default only). */
  amqpUrl: string | undefined;
  host: string;
  ports: { directory: number; core: number; agr: number; dso: number };
  /** Where endpoints find the component directory when it runs in another process. */
  directoryUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  adminToken: string | undefined;
  /** Dev only: the directory approves registrations without an administrator. */
  autoApprove: boolean;
  directorySyncSeconds: number;
  bodyLimitBytes: number;
  longPollMaxSeconds: number;
  /** Requests per minute per API token (per client IP without one) on the REST facades; 429 beyond (issue 13). */
  rateLimitPerMinute: number;
  /** Longest time a client may take to send a whole request (headers + body); cuts slow-loris clients. */
  requestTimeoutMs: number;
  /** Quorum queues when RabbitMQ runs as a cluster (TPS_AMQP_QUEUE_TYPE). */
  amqpQueueType: 'classic' | 'quorum';
  /**
   * ECP-style business-application channel per messaging component: tps.<code>.outbox / inbox /
   * send.event queues on RabbitMQ (TPS_BUSINESS_CHANNEL; needs AMQP_URL).
   */
  businessChannel: boolean;
  /**
   * Payload encryption between components (F1/NF3; TPS_ENCRYPTION, TPS_ENCRYPTION_EXEMPT): the
   * messaging layer's EncryptionPolicy — 'required' for every business type except `exempt`, or 'off'.
   */
  encryption: { mode: 'required' | 'off'; exempt: string[] };
  /** Default fairness policy of the core (a DSO may ask for another per limit). */
  fairnessPolicy: string;
  /** Assets per page of a DSO's asset list (core); a list above it goes as a paged snapshot. */
  assetListPageSize: number;
  /** HTTPS, mutual TLS to the directory and amqps (TPS_TLS*, issue 13; docs/configuration.md). */
  tls: TlsConfig;
  /** Who each messaging component is in the directory, and which market parties it speaks for. */
  identities: {
    core: ComponentIdentityConfig;
    agr: ComponentIdentityConfig;
    dso: ComponentIdentityConfig;
  };
}

export interface ComponentIdentityConfig {
  /** EIC-style component code (the AMQP routing key). */
  code: string;
  /** EIC codes of the market parties this component represents. */
  parties: string[];
}

const EIC = /^[0-9A-Z][0-9A-Z-]{14}[0-9A-Z]$/;

function identity(env: Record<string, string | undefined>, codeVar: string, partiesVar: string, code: string, parties: string[]): ComponentIdentityConfig {
  const c = str(env, codeVar, code);
  if (!EIC.test(c)) throw new ConfigError(codeVar, `must be a 16-character EIC code, got '${c}'`);
  const list = (optionalStr(env, partiesVar)?.split(',') ?? parties).map((p) => p.trim()).filter((p) => p !== '');
  if (list.length === 0) throw new ConfigError(partiesVar, 'must name at least one party');
  const bad = list.find((p) => !EIC.test(p));
  if (bad) throw new ConfigError(partiesVar, `'${bad}' is not a 16-character EIC code`);
  return { code: c, parties: list };
}

/** Demo parties of the embedded default (valid EIC check characters). */
export const DEMO_PARTIES = {
  tps: '10XTPS-PLATFORMJ',
  agr: ['11XAGR-ALPHA---O', '11XAGR-BRAVO---T', '11XAGR-CHARLIE-I'],
  dso: ['11XDSO-NORTH---J', '11XDSO-SOUTH---R'],
} as const;

/** TPS_RATE_LIMIT_PER_MINUTE (default 600): also read by the REST facades when not given explicitly. */
export function rateLimitPerMinute(env: Record<string, string | undefined> = process.env): number {
  return int(env, 'TPS_RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000);
}

/** TPS_REQUEST_TIMEOUT_MS (default 120 s): also read by `listen` when not given explicitly. */
export function requestTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  return int(env, 'TPS_REQUEST_TIMEOUT_MS', 120_000, 500, 3_600_000);
}

export function loadPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfig {
  const tls = loadTlsConfig(env);
  const amqpUrl = url(env, 'AMQP_URL', ['amqp', 'amqps']);
  if (tls.enabled && amqpUrl?.startsWith('amqp:')) throw new ConfigError('AMQP_URL', 'must use amqps:// when TPS_TLS is on (every connection encrypted)');
  return {
    dataDir: resolve(str(env, 'TPS_DATA_DIR', './data')),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    amqpUrl,
    host: str(env, 'TPS_HOST', '127.0.0.1'),
    ports: {
      directory: port(env, 'TPS_DIRECTORY_PORT', 8700),
      core: port(env, 'TPS_CORE_PORT', 8701),
      agr: port(env, 'TPS_AGR_PORT', 8702),
      dso: port(env, 'TPS_DSO_PORT', 8703),
    },
    directoryUrl: url(env, 'TPS_DIRECTORY_URL', ['http', 'https']),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    adminToken: optionalStr(env, 'TPS_ADMIN_TOKEN'),
    autoApprove: bool(env, 'TPS_DIRECTORY_AUTO_APPROVE', false),
    directorySyncSeconds: int(env, 'TPS_DIRECTORY_SYNC_SECONDS', 60, 1, 86_400),
    bodyLimitBytes: int(env, 'TPS_BODY_LIMIT_BYTES', 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    longPollMaxSeconds: int(env, 'TPS_LONG_POLL_MAX_SECONDS', 60, 1, 600),
    rateLimitPerMinute: rateLimitPerMinute(env),
    requestTimeoutMs: requestTimeoutMs(env),
    amqpQueueType: oneOf(env, 'TPS_AMQP_QUEUE_TYPE', ['classic', 'quorum'] as const, 'classic'),
    businessChannel: bool(env, 'TPS_BUSINESS_CHANNEL', false),
    encryption: {
      mode: oneOf(env, 'TPS_ENCRYPTION', ['required', 'off'] as const, 'required'),
      exempt: (optionalStr(env, 'TPS_ENCRYPTION_EXEMPT') ?? '').split(',').map((b) => b.trim()).filter((b) => b !== ''),
    },
    fairnessPolicy: oneOf(env, 'TPS_FAIRNESS_POLICY', ['waterfill', 'drem-prorata', 'equal', 'prorata-request'] as const, 'waterfill'),
    // ≈ 420 bytes per listed asset: 10,000 keeps a page (4.2 MB) under the 8 MiB message limit.
    assetListPageSize: int(env, 'TPS_ASSET_LIST_PAGE_SIZE', 5_000, 1, 10_000),
    tls,
    identities: {
      core: identity(env, 'TPS_CORE_CODE', 'TPS_CORE_PARTY', '10V-TPS-CORE---W', [DEMO_PARTIES.tps]),
      agr: identity(env, 'TPS_AGR_CODE', 'TPS_AGR_PARTIES', '10V-TPS-AGR-1--N', [...DEMO_PARTIES.agr]),
      dso: identity(env, 'TPS_DSO_CODE', 'TPS_DSO_PARTIES', '10V-TPS-DSO-1--7', [...DEMO_PARTIES.dso]),
    },
  };
}
