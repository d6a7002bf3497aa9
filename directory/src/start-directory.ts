// Runs the directory inside a process: the embedded `tps start` (every component in one
// process) and `tps serve directory`. HTTPS uses a server certificate from the directory's
// own CA; plain HTTP is allowed on loopback only, unless explicitly allowed (TLS terminated in front).
// With mutual TLS (TPS_TLS on) the server asks every client for a certificate chained to that CA;
// the component routes then insist on the caller's own authentication certificate.
import type { Express } from 'express';
import type { Knex } from 'knex';
import { ConfigError, isLoopbackHost } from '../../packages/config/src/index.js';
import { listen, type Logger } from '../../packages/http/src/index.js';
import type { DirectoryConfig } from './directory-config.js';
import { createDirectoryApp, type DirectoryApp } from './directory-app.js';

export interface StartDirectoryOptions {
  db: Knex;
  config: DirectoryConfig;
  logger: Logger;
  port: number;
  host?: string;
}

export interface RunningDirectory {
  url: string;
  app: Express;
  /** PEM of the directory CA: the trust anchor components pin (and the issuer of the HTTPS certificate). */
  caCertificate: string;
  directory: DirectoryApp;
  close(): Promise<void>;
}

export const isLoopback = isLoopbackHost;

export async function startDirectory(options: StartDirectoryOptions): Promise<RunningDirectory> {
  const host = options.host ?? '127.0.0.1';
  const { config } = options;
  if (!config.tls && !config.allowPlainHttp && !isLoopback(host)) {
    throw new ConfigError('TPS_DIRECTORY_TLS', `plain HTTP is allowed on loopback only; set TPS_DIRECTORY_TLS=true to listen on ${host}`);
  }
  if (config.mutualTls && !config.tls) throw new ConfigError('TPS_DIRECTORY_TLS', 'mutual TLS needs HTTPS');
  const directory = await createDirectoryApp({ db: options.db, config, logger: options.logger });
  const caPem = directory.ca.certificatePem;
  const tls = config.tls
    ? {
        ...(await directory.ca.issueServerCertificate(config.tlsHostnames, config.certificateValiditySeconds)),
        caPem,
        requestClientCertificate: config.mutualTls,
        hostnames: config.tlsHostnames,
      }
    : undefined;
  const srv = await listen(directory.app, options.port, host, tls ? { tls } : {});
  options.logger.info({ url: srv.url, mutualTls: config.mutualTls }, `directory listening (${tls ? 'HTTPS' : 'HTTP'})`);
  return { url: srv.url, app: directory.app, caCertificate: caPem, directory, close: srv.close };
}
