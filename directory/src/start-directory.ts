// Runs the directory inside a process: the embedded `tps start` (every component in one
// process) and `tps serve directory`. HTTPS uses a server certificate from the directory's
// own CA; plain HTTP is allowed on loopback only, unless explicitly allowed (TLS terminated in front).
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { ConfigError } from '../../packages/config/src/index.js';
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

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export async function startDirectory(options: StartDirectoryOptions): Promise<RunningDirectory> {
  const host = options.host ?? '127.0.0.1';
  const { config } = options;
  if (!config.tls && !config.allowPlainHttp && !isLoopback(host)) {
    throw new ConfigError('TPS_DIRECTORY_TLS', `plain HTTP is allowed on loopback only; set TPS_DIRECTORY_TLS=true to listen on ${host}`);
  }
  const directory = await createDirectoryApp({ db: options.db, config, logger: options.logger });
  if (!config.tls) {
    const srv = await listen(directory.app, options.port, host);
    options.logger.info({ url: srv.url }, 'directory listening (HTTP)');
    return { url: srv.url, app: directory.app, caCertificate: directory.ca.certificatePem, directory, close: srv.close };
  }
  const { certPem, keyPem } = await directory.ca.issueServerCertificate(config.tlsHostnames, config.certificateValiditySeconds);
  const server = createHttpsServer({ cert: certPem, key: keyPem, minVersion: 'TLSv1.2' }, directory.app);
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? (config.tlsHostnames[0] ?? 'localhost') : host;
  const url = `https://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  options.logger.info({ url }, 'directory listening (HTTPS)');
  return {
    url,
    app: directory.app,
    caCertificate: directory.ca.certificatePem,
    directory,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
