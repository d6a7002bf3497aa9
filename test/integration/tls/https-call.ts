// One HTTPS request with exactly the trust and client certificate the test chooses (fetch
// cannot pin a CA): what a partner's system or a component does on the wire. The directory
// client's own HTTP(S) call does the work, so the tests exercise the code components use.
import { callJson } from '../../../packages/directory-client/src/http-client.js';

export interface HttpsCall {
  /** CA to trust; undefined: Node's default store (which does not hold the directory CA). */
  ca?: string;
  token?: string;
  clientCert?: { keyPem: string; certPem: string };
  method?: string;
  body?: unknown;
}

/** Resolves with any HTTP status; rejects when no answer came (TLS refused, connection failed). */
export async function httpsCall(url: string, o: HttpsCall = {}): Promise<{ status: number; body: unknown }> {
  const target = new URL(url);
  const cert = o.clientCert;
  const r = await callJson(
    { baseUrl: target.origin, ...(o.ca ? { caPem: o.ca } : {}), ...(cert ? { clientCertificate: () => cert } : {}) },
    o.method ?? 'GET',
    target.pathname.slice(1) + target.search,
    { ...(o.token ? { token: o.token } : {}), ...(o.body !== undefined ? { body: o.body } : {}) },
  );
  return { status: r.status, body: r.body };
}
