// The platform's settings, read once at start-up from the environment (12-factor: Docker and
// Kubernetes configure everything this way).
import { resolve } from 'node:path';
import { bool, int, oneOf, optionalStr, port, str, url } from './env.js';

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
}

export function loadPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfig {
  return {
    dataDir: resolve(str(env, 'TPS_DATA_DIR', './data')),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    amqpUrl: url(env, 'AMQP_URL', ['amqp', 'amqps']),
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
  };
}
