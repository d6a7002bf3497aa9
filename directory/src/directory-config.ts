// The directory's own settings on top of the platform configuration.
import { env as envReaders, ConfigError, type PlatformConfig } from '../../packages/config/src/index.js';

export interface DirectoryConfig {
  /** Admin bearer token (TPS_ADMIN_TOKEN); without one every admin call is refused. */
  adminToken: string | undefined;
  /** Dev only: approve registrations without an administrator (TPS_DIRECTORY_AUTO_APPROVE). */
  autoApprove: boolean;
  /** Validity of issued component certificates, in seconds (TPS_DIRECTORY_CERT_DAYS, default 365 days). */
  certificateValiditySeconds: number;
  /** Serve HTTPS with a server certificate from the directory's own CA (TPS_DIRECTORY_TLS). */
  tls: boolean;
  /** DNS names / IPs put in the directory's TLS certificate (TPS_DIRECTORY_TLS_HOSTNAMES, comma separated). */
  tlsHostnames: string[];
  /** Component-side routes need the component's TLS client certificate besides its token (TPS_TLS on; needs tls). */
  mutualTls: boolean;
  /** Plain HTTP on a non-loopback address, e.g. behind a TLS-terminating ingress (TPS_DIRECTORY_ALLOW_PLAIN_HTTP). */
  allowPlainHttp: boolean;
  bodyLimitBytes: number;
  /** Requests per minute per component token (per client IP without one): TPS_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: number;
}

export const DEFAULT_CERTIFICATE_VALIDITY_SECONDS = 365 * 86_400;

export function directoryConfigFrom(platform: PlatformConfig, env: Record<string, string | undefined> = process.env): DirectoryConfig {
  const hostnames = (envReaders.optionalStr(env, 'TPS_DIRECTORY_TLS_HOSTNAMES') ?? platform.tls.hosts.join(','))
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  if (hostnames.some((h) => !/^[A-Za-z0-9.:-]+$/.test(h))) throw new ConfigError('TPS_DIRECTORY_TLS_HOSTNAMES', 'must be a comma-separated list of host names or IP addresses');
  // TPS_TLS (platform-wide) turns on HTTPS and mutual TLS here too.
  const tls = envReaders.bool(env, 'TPS_DIRECTORY_TLS', platform.tls.enabled);
  return {
    adminToken: platform.adminToken,
    autoApprove: platform.autoApprove,
    certificateValiditySeconds: envReaders.int(env, 'TPS_DIRECTORY_CERT_DAYS', 365, 1, 3650) * 86_400,
    tls,
    mutualTls: tls && platform.tls.enabled,
    tlsHostnames: hostnames,
    allowPlainHttp: envReaders.bool(env, 'TPS_DIRECTORY_ALLOW_PLAIN_HTTP', false),
    bodyLimitBytes: platform.bodyLimitBytes,
    rateLimitPerMinute: platform.rateLimitPerMinute,
  };
}

/** Sensible defaults for tests and the embedded platform. */
export function defaultDirectoryConfig(overrides: Partial<DirectoryConfig> = {}): DirectoryConfig {
  return {
    adminToken: undefined,
    autoApprove: false,
    certificateValiditySeconds: DEFAULT_CERTIFICATE_VALIDITY_SECONDS,
    tls: false,
    tlsHostnames: ['localhost', '127.0.0.1'],
    mutualTls: false,
    allowPlainHttp: false,
    bodyLimitBytes: 1024 * 1024,
    rateLimitPerMinute: 600,
    ...overrides,
  };
}
