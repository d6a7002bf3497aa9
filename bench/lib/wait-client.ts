// The long-poll benchmarks' client side (bench/longpoll-agr.ts, bench/longpoll-floor.ts): one
// `GET …/wait` on its own socket, read to the end; `answered(true)` when it carried limits.
import { request, type Agent, type OutgoingHttpHeaders } from 'node:http';

export function waitRequest(url: string, agent: Agent, headers: OutgoingHttpHeaders, answered: (withLimits: boolean) => void): Promise<void> {
  return new Promise<void>((done) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let withLimits = false;
        try {
          withLimits = res.statusCode === 200 && (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { limits: unknown[] }).limits.length > 0;
        } catch {
          // not JSON: counted as an answer without limits
        }
        answered(withLimits);
        done();
      });
    });
    req.on('error', () => {
      answered(false);
      done();
    });
    req.end();
  });
}
