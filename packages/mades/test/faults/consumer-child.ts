// A receiving component in its own process, so a fault test can SIGKILL it mid-stream (F1).
// Input (env): MADES_CHILD_CONFIG = JSON { url, sqliteFile, directory, identity }.
import { openDatabase } from '../../../storage/src/index.js';
import { AmqpTransport, MessagingEndpoint } from '../../src/index.js';
import { importIdentity, restoreDirectory } from '../fixtures/directory.js';
import { createEffects, recordEffect } from '../fixtures/effects.js';

const config = JSON.parse(process.env.MADES_CHILD_CONFIG ?? '{}');
const db = await openDatabase({ sqliteFile: config.sqliteFile });
await createEffects(db);
const endpoint = new MessagingEndpoint({
  identity: importIdentity(config.identity),
  directory: restoreDirectory(config.directory),
  transport: new AmqpTransport({ url: config.url }),
  db,
  prefetch: 256,
  inboxBatchSize: 64,
});
endpoint.onMessage(recordEffect);
await endpoint.start();
process.stdout.write('ready\n');
