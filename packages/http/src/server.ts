import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestTimeoutMs as requestTimeoutFromEnv } from '../../config/src/platform-config.js';
import type { ServerTls } from './server-tls.js';

export type { ServerTls } from './server-tls.js';

export interface RunningServer {
  server: Server;
  /** `https://…` when the server speaks TLS, `http://…` otherwise. */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /**
   * Longest time a client may take to send a whole request, headers and body (slow-loris: a
   * client trickling its body byte by byte is cut off with 408). Default TPS_REQUEST_TIMEOUT_MS
   * (120 s). Long-polls are not affected: their request is complete at once, only the answer waits.
   */
  requestTimeoutMs?: number;
  /** HTTPS with this key and certificate (TLS 1.2 at least); plain HTTP without. */
  tls?: ServerTls;
}

/** Listens and returns a close() that drains connections (graceful shutdown on SIGTERM). */
export function listen(app: Express, port: number, host = '127.0.0.1', options: ListenOptions = {}): Promise<RunningServer> {
  const requestTimeout = options.requestTimeoutMs ?? requestTimeoutFromEnv();
  // Node checks request/headers timeouts every connectionsCheckingInterval (30 s by default):
  // check often enough that a short configured timeout is honoured.
  const httpOptions = { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))) };
  const tls = options.tls;
  // An https.Server is an http.Server with a TLS handshake in front: one type for callers.
  const server: Server = tls
    ? (createHttpsServer(
        {
          ...httpOptions,
          key: tls.keyPem,
          cert: tls.certPem,
          minVersion: 'TLSv1.2',
          ...(tls.caPem ? { ca: tls.caPem } : {}),
          // Asked for, not required at the handshake: routes without a client certificate
          // (registration, health) stay reachable; the routes that need one check `authorized`.
          ...(tls.requestClientCertificate ? { requestCert: true, rejectUnauthorized: false } : {}),
        },
        app,
      ) as unknown as Server)
    : createServer(httpOptions, app);
  return new Promise((resolve, reject) => {
    // Long-polls last up to a minute; keep sockets slightly longer, but bound header time (slow-loris).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = Math.min(10_000, requestTimeout);
    server.requestTimeout = requestTimeout;
    server.once('error', reject);
    // A burst of thousands of long-poll clients connecting at once overflows Node's default
    // backlog (511) and ends in ECONNRESET; the kernel caps it at net.core.somaxconn anyway.
    server.listen({ port, host, backlog: 4096 }, () => {
      const addr = server.address() as AddressInfo;
      resolve({
        server,
        url: `${tls ? 'https' : 'http'}://${shownHost(host, tls)}:${addr.port}`,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            server.closeIdleConnections();
            // Waiters on long-polls are answered by their component on shutdown; cut the rest.
            setTimeout(() => server.closeAllConnections(), 2_000).unref();
          }),
      });
    });
  });
}

/** The host a client should use: a wildcard bind is shown as a name the certificate carries. */
function shownHost(host: string, tls: ServerTls | undefined): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? (tls?.hostnames?.[0] ?? '127.0.0.1') : host;
  return shown.includes(':') ? `[${shown}]` : shown;
}
