// Documents from the TPS core → the DSO's store, inside the messaging layer's transaction (the
// inbox row and the effect commit together), then long-poll waiters are woken after commit.
//   asset-list       full list of this DSO's assets → mirror diff (F5b)
//   schedule         schedules regrouped for this DSO → stored, numbered (F9b)
//   acknowledgement  the core's business answer to a document this DSO sent (451-1)
//   capacity-limit   'grant' documents: the fair split of one of this DSO's limits (F6a read-back)
import type { Knex } from 'knex';
import { isDocumentError } from '../../packages/iec62325/src/errors/document-error.js';
import type { ReceivedDocument } from '../../packages/runtime/src/index.js';
import { whenCommitted } from '../../packages/storage/src/index.js';
import { wakeKey, type DsoContext } from './deps.js';
import type { InboundDocument } from './mapping/codec.js';
import { metricsOf } from './mapping/fairness-reason.js';
import { intervalFromWire, isoNow } from './mapping/time.js';

export function registerInbound(ctx: DsoContext): void {
  ctx.messenger.onDocument((doc, trx) => handleDocument(ctx, doc, trx));
}

export async function handleDocument(ctx: DsoContext, received: ReceivedDocument, trx: Knex.Transaction): Promise<void> {
  const log = ctx.logger.child({ messageId: received.messageId, businessType: received.businessType });
  let parsed: ReturnType<DsoContext['codec']['parse']>;
  try {
    parsed = ctx.codec.parse(received.payload);
  } catch (err) {
    // Permanent: retrying an invalid document cannot help. Consumed, logged, never applied.
    if (isDocumentError(err)) return void log.warn({ code: err.code, reasonCode: err.reasonCode, detail: err.message }, 'invalid document from the core dropped');
    throw err;
  }
  if (parsed.kind === 'other') return void log.warn({ kind: parsed.documentKind }, 'document kind a DSO does not take dropped');
  const { document } = parsed;
  const dso = document.receiver.mRID;
  // Only the core speaks to a DSO (F1), and only to a DSO this endpoint represents (NF3).
  if (document.sender.mRID !== received.senderParty || received.senderParty !== ctx.coreParty) {
    return void log.warn({ sender: document.sender.mRID, envelope: received.senderParty }, 'document not from the TPS core dropped');
  }
  if (!ctx.messenger.parties.includes(dso)) return void log.warn({ receiver: dso }, 'document for a party this endpoint does not represent dropped');

  const at = isoNow(ctx.now());
  const wake = (stream: 'assets' | 'schedules') => {
    // After the outermost commit only (this runs in the messaging layer's savepoint): a woken
    // reader must find the rows.
    whenCommitted(trx).then(
      () => ctx.broadcast.publish(wakeKey(dso, stream)),
      () => undefined,
    ).catch((err: unknown) => log.error({ err }, 'wake-up broadcast failed'));
  };
  await apply(ctx, trx, dso, parsed, at, wake);
}

async function apply(ctx: DsoContext, trx: Knex.Transaction, dso: string, parsed: InboundDocument, at: string, wake: (s: 'assets' | 'schedules') => void): Promise<void> {
  const { stores } = ctx;
  switch (parsed.kind) {
    case 'asset-list': {
      // A list without page fields is page 1 of 1. Only a complete snapshot reaches the mirror,
      // so readers are woken only when one is applied (issue 14).
      const d = parsed.document;
      const page = { created: d.createdDateTime, mrid: d.mRID, page: d.paging?.page ?? 1, pageCount: d.paging?.pageCount ?? 1 };
      const outcome = await stores.assetListPages.receive(trx, dso, page, d.assets, at);
      if (outcome.kind === 'inconsistent') return void ctx.logger.warn({ mRID: d.mRID, created: d.createdDateTime }, 'paged asset list with an asset on two pages dropped');
      if (outcome.kind !== 'complete') return;
      const changes = await stores.assets.applySnapshot(trx, dso, d.createdDateTime, outcome.assets, at, d.mRID);
      if (changes > 0) wake('assets');
      return;
    }
    case 'schedule': {
      const d = parsed.document;
      const series = d.series.map((s) =>
        s.cancelled
          ? { seriesId: s.mRID, assetId: s.assetId, cancelled: true }
          : { seriesId: s.mRID, assetId: s.assetId, cancelled: false, resolution: s.resolution, interval: intervalFromWire(s.interval), valuesW: s.pointsW },
      );
      if ((await stores.schedules.store(trx, dso, { scheduleId: d.mRID, revision: d.revisionNumber }, series, at)) > 0) wake('schedules');
      return;
    }
    case 'acknowledgement': {
      const d = parsed.document;
      const sent = await stores.sent.acknowledge(trx, dso, d.received, d.accepted, d.reasons.map((r) => ({ ...r })), at);
      if (sent?.businessType === 'connection-point-registration') await stores.points.settle(trx, dso, sent.documentMrid, d.accepted, d.reasons, at);
      return;
    }
    case 'capacity-limit': {
      const d = parsed.document;
      if (d.limitType !== 'grant') return void ctx.logger.warn({ limitType: d.limitType }, 'a DSO takes only grant documents (splits) dropped');
      // The split of revision N of this DSO's limit with the same mRID (docs/endpoint-dso.md).
      const { policy, metrics } = metricsOf(d.reasons);
      const grants = d.series.map((s) => ({ assetId: s.assetId, direction: s.direction, resolution: s.resolution, interval: intervalFromWire(s.interval), grantW: s.grantW }));
      const saved = await stores.limits.saveSplit(trx, dso, d.mRID, { revision: d.revisionNumber, policy, metrics, grants, receivedAt: at });
      if (!saved) ctx.logger.warn({ limitId: d.mRID }, 'split of an unknown limit dropped');
      return;
    }
  }
}
