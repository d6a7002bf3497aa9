// One HTTPS request with exactly the trust and client certificate the test chooses (fetch
// cannot pin a CA): what a partner's system or a component does on the wire.
import { request } from 'node:https';

export interface HttpsCall {
  /** CA to trust; undefined: Node's default store (which does not hold the directory CA). */
  ca?: string;
  token?: string;
  clientCert?: { keyPem: string; certPem: string };
  method?: string;
  body?: unknown;
}

export function httpsCall(url: string, o: HttpsCall = {}): Promise<{ status: number; body: unknown }> {
  const payload = o.body === undefined ? undefined : Buffer.from(JSON.stringify(o.body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: o.method ?? 'GET',
        agent: false,
        timeout: 10_000,
        headers: {
          accept: 'application/json',
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
        ...(o.ca ? { ca: o.ca } : {}),
        ...(o.clientCert ? { key: o.clientCert.keyPem, cert: o.clientCert.certPem } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
