// A legitimate messaging endpoint for hostile documents (F1): a test component enrolled in the
// platform's real directory (own keys, CSR, approval), speaking for its own AGR/BRP party over
// the platform's RabbitMQ. What it sends is properly signed, so the core verifies it and must
// judge the document itself; the core's acknowledgements come back to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessagingNode, type MessagingNode } from '../../../cli/platform/messaging-node.js';
import { createLogger } from '../../../packages/http/src/index.js';
import { AmqpTransport } from '../../../packages/mades/src/index.js';
import { openDatabase, type Database } from '../../../packages/storage/src/index.js';
import { makeEic, parseDocument, type AcknowledgementDocument } from '../../../packages/iec62325/src/index.js';
import type { BusinessType, TrackingStatus } from '../../../packages/runtime/src/index.js';
import type { HostilePlatform } from './platform.js';
import { sleep } from './wait.js';

export const SENDER_PARTY = makeEic('11X', 'AGR-HOSTILE');
export const SENDER_CODE = makeEic('10V', 'HOSTILE-SEND');

export interface HostileSender {
  party: string;
  /** Signed and sent through the outbox; returns the message ID. */
  send(businessType: BusinessType, payload: Uint8Array | string, baMessageId: string): Promise<string>;
  /** Acknowledgements received from the core, by the mRID they answer. */
  acks: Map<string, AcknowledgementDocument>;
  status(messageId: string): Promise<TrackingStatus | undefined>;
  close(): Promise<void>;
}

export async function startHostileSender(p: HostilePlatform): Promise<HostileSender> {
  const dir = mkdtempSync(join(tmpdir(), 'tps-hostile-sender-'));
  const config = { ...p.config, dataDir: dir, identities: { ...p.config.identities, agr: { code: SENDER_CODE, parties: [SENDER_PARTY] } } };
  const db: Database = await openDatabase({ sqliteFile: join(dir, 'sender.sqlite') });
  const transport = new AmqpTransport({ url: p.config.amqpUrl! });
  let node: MessagingNode | undefined;
  const acks = new Map<string, AcknowledgementDocument>();
  try {
    node = await createMessagingNode({ component: 'agr', config, db, logger: createLogger('hostile-sender', 'silent'), transport, directoryUrl: p.urls.directory, approvalTimeoutMs: 30_000 });
    node.messenger.onDocument(async (doc) => {
      const parsed = parseDocument(doc.payload);
      if (parsed.kind === 'acknowledgement') acks.set(parsed.document.received.mRID, parsed.document);
    });
    await node.start();
    // The core syncs the directory every second (TPS_DIRECTORY_SYNC_SECONDS=1 on the hostile platform).
    await sleep(2_500);
  } catch (err) {
    await node?.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const messenger = node.messenger;
  return {
    party: SENDER_PARTY,
    acks,
    send: (businessType, payload, baMessageId) => db.transaction((trx) => messenger.sendToCore(trx, { businessType, payload, senderParty: SENDER_PARTY, baMessageId })),
    status: (id) => messenger.status(id),
    close: async () => {
      await node!.close();
      await transport.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
