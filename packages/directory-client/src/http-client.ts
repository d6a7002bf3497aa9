// Minimal JSON-over-HTTP(S) client. node:https rather than fetch so a caller can pin the
// directory's own CA certificate (REST over HTTPS with a certificate from its own CA) and
// present its own authentication certificate (mutual TLS, issue 13).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DirectoryClientError, DirectoryClientErrorCode } from './client-error.js';

export interface HttpOptions {
  /** Base URL, e.g. https://directory.example:8700 or http://127.0.0.1:8700 */
  baseUrl: string;
  /** PEM of the CA that issued the directory's TLS certificate. */
  caPem?: string;
  /**
   * The TLS client certificate to present (mutual TLS): asked for on every call, because the
   * component gets its certificate during enrolment and a new one on renewal. Undefined: none yet.
   */
  clientCertificate?: () => ClientCertificate | undefined;
  timeoutMs?: number;
}

export interface ClientCertificate {
  keyPem: string;
  certPem: string;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export async function callJson(
  options: HttpOptions,
  method: string,
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const url = new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : options.baseUrl + '/');
  const payload = init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const isHttps = url.protocol === 'https:';
  const requestFn = isHttps ? httpsRequest : httpRequest;
  const client = isHttps ? options.clientCertificate?.() : undefined;
  const tls = isHttps
    ? {
        ...(options.caPem ? { ca: options.caPem } : {}),
        ...(client ? { key: client.keyPem, cert: client.certPem } : {}),
        // A fresh connection per call: an agent would reuse a session made with another (or no) certificate.
        agent: false as const,
      }
    : {};
  return new Promise<HttpResult>((resolve, reject) => {
    const req = requestFn(
      url,
      { method, headers, timeout: options.timeoutMs ?? 10_000, ...tls },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = undefined;
          if (text) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', (err) =>
      reject(new DirectoryClientError(DirectoryClientErrorCode.Unreachable, `directory unreachable at ${options.baseUrl}: ${err.message}`, undefined, undefined, { cause: err })),
    );
    if (payload) req.write(payload);
    req.end();
  });
}

/** Throws a DirectoryClientError carrying the problem unless the status is one of `ok`. */
export function expectStatus(result: HttpResult, ok: number[], what: string): void {
  if (ok.includes(result.status)) return;
  const problem = (typeof result.body === 'object' && result.body !== null ? result.body : { detail: String(result.body) }) as {
    code?: string;
    detail?: string;
  };
  throw new DirectoryClientError(DirectoryClientErrorCode.Rejected, `${what}: HTTP ${result.status} ${problem.detail ?? ''}`.trim(), result.status, problem);
}
