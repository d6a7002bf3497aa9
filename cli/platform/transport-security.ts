// Transport security of one process (issue 13): which key and certificate its HTTPS servers
// present, which CA its clients pin (directory over HTTPS, RabbitMQ over amqps), and which client
// certificate a messaging component presents (its authentication certificate from enrolment).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, isLoopbackHost, readPemFile, type PlatformConfig } from '../../packages/config/src/index.js';
import type { Logger } from '../../packages/http/src/index.js';
import type { EnrolledComponent } from '../../packages/directory-client/src/index.js';

/** Validity of a server certificate the in-process CA issues for the facades. */
const SERVER_CERTIFICATE_SECONDS = 365 * 86_400;

export interface InProcessCa {
  caPem: string;
  issueServerCertificate(hostnames: string[], validitySeconds: number): Promise<{ certPem: string; keyPem: string }>;
}

/** Where `tps start` keeps the CA certificate clients pin (`curl --cacert`). */
export function caFileOf(config: PlatformConfig): string {
  return join(config.dataDir, 'tls', 'ca.pem');
}

/**
 * The trust anchor for this process's clients: TPS_TLS_CA_FILE when given, else the directory
 * CA of this process, else undefined (a component in another process then pins the CA it got
 * at enrolment for amqps, and needs TPS_TLS_CA_FILE to reach an HTTPS directory in the first place).
 */
export function clientCaPem(config: PlatformConfig, ca: InProcessCa | undefined): string | undefined {
  if (config.tls.caFile) return readPemFile(config.tls.caFile, 'TPS_TLS_CA_FILE');
  return ca?.caPem;
}

/**
 * With TPS_TLS on, the platform config with `tls.server` filled in: the operator's files
 * (TPS_TLS_CERT_FILE/KEY_FILE) or a server certificate for TPS_TLS_HOSTS from the in-process
 * directory CA. A process without the directory and without files cannot get one: refused.
 */
export async function withServerTls(config: PlatformConfig, ca: InProcessCa | undefined, logger: Logger): Promise<PlatformConfig> {
  if (!config.tls.enabled) {
    if (!isLoopbackHost(config.host)) {
      const line = `WARNING: TPS_HOST=${config.host} without TPS_TLS=on: the REST facades speak plain HTTP; terminate TLS in front of them or set TPS_TLS=on`;
      logger.warn({ host: config.host }, line);
      process.stderr.write(line + '\n');
    }
    return config;
  }
  const caPem = clientCaPem(config, ca);
  let keyPem: string;
  let certPem: string;
  if (config.tls.certFile && config.tls.keyFile) {
    certPem = readPemFile(config.tls.certFile, 'TPS_TLS_CERT_FILE');
    keyPem = readPemFile(config.tls.keyFile, 'TPS_TLS_KEY_FILE');
  } else if (ca) {
    ({ certPem, keyPem } = await ca.issueServerCertificate(config.tls.hosts, SERVER_CERTIFICATE_SECONDS));
  } else {
    throw new ConfigError('TPS_TLS_CERT_FILE', 'is required with TPS_TLS=on when the directory (and its CA) runs in another process');
  }
  if (ca) {
    mkdirSync(join(config.dataDir, 'tls'), { recursive: true, mode: 0o700 });
    writeFileSync(caFileOf(config), ca.caPem, { mode: 0o644 });
  }
  return { ...config, tls: { ...config.tls, server: { keyPem, certPem, ...(caPem ? { caPem } : {}), hostnames: config.tls.hosts } } };
}

/** The component's authentication key and certificate as PEM (TLS client certificate). */
export function authenticationCredentials(enrolled: EnrolledComponent): { keyPem: string; certPem: string } {
  return {
    keyPem: enrolled.authenticationKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: enrolled.authenticationCertificate.toString(),
  };
}
