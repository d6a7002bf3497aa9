import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestTimeoutMs as requestTimeoutFromEnv } from '../../config/src/platform-config.js';

export interface RunningServer {
  server: Server;
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
}

/** Listens and returns a close() that drains connections (graceful shutdown on SIGTERM). */
export function listen(app: Express, port: number, host = '127.0.0.1', options: ListenOptions = {}): Promise<RunningServer> {
  const requestTimeout = options.requestTimeoutMs ?? requestTimeoutFromEnv();
  return new Promise((resolve, reject) => {
    // Node checks request/headers timeouts every connectionsCheckingInterval (30 s by default):
    // check often enough that a short configured timeout is honoured.
    const server = createServer({ connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))) }, app);
    // Long-polls last up to a minute; keep sockets slightly longer, but bound header time (slow-loris).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = Math.min(10_000, requestTimeout);
    server.requestTimeout = requestTimeout;
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        server,
        url: `http://${shownHost}:${addr.port}`,
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
