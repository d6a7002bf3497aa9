// Child process for secrets-log.test.ts: the AGR/BRP facade with the platform's real logger
// (createLogger, level trace, JSON to stdout), a few calls with real and forged bearer tokens;
// the tokens used are reported on stderr as one JSON line for the parent to search the logs for.
import { createLogger } from '../../../packages/http/src/index.js';
import { startSmallAgr } from './agr-app.js';

const agr = await startSmallAgr({ logger: createLogger('agr', 'trace') });
const [good, other] = agr.tokens as [string, string];
const forged = 'tps_' + 'F'.repeat(43);
const calls: Array<[string, string, Record<string, string>, string?]> = [
  ['GET', '/assets', { authorization: `Bearer ${good}` }],
  ['GET', '/assets/11WHOST-NONE--X', { authorization: `Bearer ${good}` }],
  ['POST', '/assets', { authorization: `Bearer ${other}`, 'content-type': 'application/json' }, '{"assets":[{"assetId":"bad"}]}'],
  ['POST', '/assets', { authorization: `Bearer ${other}`, 'content-type': 'application/json' }, '{"assets":'],
  ['GET', '/assets', { authorization: `Bearer ${forged}` }],
  ['GET', '/assets', { authorization: `Basic ${good}` }],
  ['GET', '/limits/wait?timeout=1', { authorization: `Bearer ${good}`, cookie: `session=${good}` }],
  // A client that puts its token into the query string (the facades never read it there).
  ['GET', `/assets?token=${good}&access_token=${other}`, {}],
];
for (const [method, path, headers, body] of calls) {
  await fetch(agr.url + path, { method, headers, body });
}
await agr.close();
process.stderr.write(JSON.stringify({ secrets: [good, other, forged] }) + '\n');
process.exit(0);
