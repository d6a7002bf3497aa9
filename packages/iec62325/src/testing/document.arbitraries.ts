import fc from 'fast-check';
import { UNFORESEEN_ACTIONS } from '../codes/market-codes.js';
import type { AssetCapabilities, Direction } from '../model/common.types.js';
import type {
  AcknowledgementDocument,
  CapacityLimitDocument,
  ScheduleDocument,
  ScheduleSeries,
  StatusRequestDocument,
} from '../model/market-documents.types.js';
import type { ParsedDocument } from '../model/parsed-document.types.js';
import type {
  AssetListDocument,
  AssetRegistrationDocument,
  ConnectionPointRegistrationDocument,
  ListedAsset,
} from '../model/registration-documents.types.js';
import type { DocumentKind } from '../schema/document-kinds.js';
import {
  createdArb,
  eicArb,
  gsrnArb,
  idArb,
  partyArb,
  periodArb,
  record,
  pointsArb,
  reasonArb,
  seriesShapeArb,
  textArb,
  unitArb,
} from './primitive.arbitraries.js';

// fast-check arbitraries producing VALID documents of every kind, with varied assets, intervals,
// resolutions, revisions, cancellations and local codes (test code).
const revisionArb = fc.integer({ min: 1, max: 999 });
const directionArb = fc.constantFrom<Direction>('production', 'consumption');
const assetsArb = (min: number, max: number): fc.Arbitrary<string[]> => fc.uniqueArray(eicArb('W'), { minLength: min, maxLength: max });
const header = { mRID: idArb, sender: partyArb, receiver: partyArb, createdDateTime: createdArb };
const revisedHeader = { ...header, revisionNumber: revisionArb };
const optionalName = fc.option(textArb(200), { nil: undefined });

export const capabilitiesArb: fc.Arbitrary<AssetCapabilities> = fc
  .tuple(fc.constantFrom([true, false], [false, true], [true, true]), fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 100_000_000 }))
  .map(([[produces, consumes], p, c]) => ({ produces: produces!, consumes: consumes!, maxProductionW: produces ? p : 0, maxConsumptionW: consumes ? c : 0 }));

export const scheduleArb: fc.Arbitrary<ScheduleDocument> = periodArb.chain((period) =>
  record({
    ...revisedHeader,
    period: fc.constant(period),
    unit: unitArb,
    series: assetsArb(1, 4).chain((assets) =>
      fc.tuple(
        ...assets.map((assetId, i) =>
          fc.oneof(
            { weight: 5, arbitrary: seriesShapeArb(period).chain((shape) => pointsArb(shape.steps, false).map((pointsW): ScheduleSeries => ({ mRID: `${i + 1}`, assetId, cancelled: false, resolution: shape.resolution, interval: shape.interval, pointsW }))) },
            { weight: 1, arbitrary: fc.constant<ScheduleSeries>({ mRID: `${i + 1}`, assetId, cancelled: true }) },
          ),
        ),
      ),
    ),
  }),
);

export const capacityLimitArb: fc.Arbitrary<CapacityLimitDocument> = fc
  .tuple(periodArb, fc.constantFrom('foreseen', 'grant', 'unforeseen'), fc.constantFrom('active', 'cancelled'))
  .chain(([period, limitType, status]): fc.Arbitrary<CapacityLimitDocument> => {
    const base = { ...revisedHeader, period: fc.constant(period), status: fc.constant(status), unit: unitArb, reasons: fc.array(reasonArb, { maxLength: 3 }) };
    // The unit travels on each TimeSeries: a document without series reads back as KWT.
    const normalise = <D extends CapacityLimitDocument>(doc: D): D => (doc.series.length === 0 ? { ...doc, unit: 'KWT' } : doc);
    const count = fc.integer({ min: status === 'active' ? 1 : 0, max: 3 });
    const available = (i: number) =>
      seriesShapeArb(period).chain((shape) =>
        record({ mRID: fc.constant(`L${i}`), direction: directionArb, resolution: fc.constant(shape.resolution), interval: fc.constant(shape.interval), points: pointsArb(shape.steps, true) }),
      );
    switch (limitType) {
      case 'foreseen':
        return record({
          ...base,
          limitType: fc.constant('foreseen' as const),
          series: count.chain((n) =>
            fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(available(i), assetsArb(1, 5)).map(([s, assetIds]) => ({ mRID: s.mRID, direction: s.direction, assetIds, resolution: s.resolution, interval: s.interval, availableW: s.points })))),
          ),
        }).map(normalise);
      case 'grant':
        return record({
          ...base,
          limitType: fc.constant('grant' as const),
          series: count.chain((n) =>
            fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(available(i), eicArb('W')).map(([s, assetId]) => ({ mRID: s.mRID, direction: s.direction, assetId, resolution: s.resolution, interval: s.interval, grantW: s.points })))),
          ),
        }).map(normalise);
      default:
        return record({
          ...base,
          limitType: fc.constant('unforeseen' as const),
          series: count.chain((n) =>
            fc.tuple(...Array.from({ length: n }, (_, i) => record({ mRID: fc.constant(`S${i}`), direction: directionArb, assetIds: assetsArb(1, 5), action: fc.constantFrom(...UNFORESEEN_ACTIONS) }))),
          ),
        }).map(normalise);
    }
  });

export const statusRequestArb: fc.Arbitrary<StatusRequestDocument> = fc
  .record({ ...header, requested: fc.constantFrom('asset-list' as const, 'schedules' as const), assetIds: assetsArb(0, 4), interval: fc.option(periodArb, { nil: undefined }) })
  .map(({ interval, ...doc }) => (interval === undefined ? doc : { ...doc, interval }));

export const acknowledgementArb: fc.Arbitrary<AcknowledgementDocument> = record({
  ...header,
  received: fc.tuple(idArb, fc.option(revisionArb, { nil: undefined })).map(([mRID, revisionNumber]) => (revisionNumber === undefined ? { mRID } : { mRID, revisionNumber })),
  accepted: fc.boolean(),
  reasons: fc.array(reasonArb, { maxLength: 4 }),
});

const withName = <T extends object>(value: T, name: string | undefined): T => (name === undefined ? value : { ...value, name });

export const assetRegistrationArb: fc.Arbitrary<AssetRegistrationDocument> = record({
  ...revisedHeader,
  unit: unitArb,
  assets: assetsArb(1, 5).chain((ids) =>
    fc.tuple(
      ...ids.map((assetId) =>
        fc.oneof(
          fc.constant({ action: 'remove' as const, assetId }),
          fc
            .tuple(fc.constantFrom('register' as const, 'update' as const), eicArb('X'), gsrnArb, capabilitiesArb, optionalName)
            .map(([action, operator, connectionPoint, capabilities, name]) => withName({ action, assetId, operator, connectionPoint, ...capabilities }, name)),
        ),
      ),
    ),
  ),
});

export const connectionPointRegistrationArb: fc.Arbitrary<ConnectionPointRegistrationDocument> = record({
  ...revisedHeader,
  dso: eicArb('X'),
  connectionPoints: fc.uniqueArray(gsrnArb, { minLength: 1, maxLength: 5 }).chain((points) =>
    fc.tuple(...points.map((connectionPoint) => fc.constantFrom('add' as const, 'remove' as const).map((action) => ({ connectionPoint, action })))),
  ),
});

// Lists with and without paging (issue 14): page p of n, 1 <= p <= n <= 10,000.
const pagingArb = fc.option(
  fc.integer({ min: 1, max: 10_000 }).chain((pageCount) => fc.integer({ min: 1, max: pageCount }).map((page) => ({ page, pageCount }))),
  { nil: undefined },
);

export const assetListArb: fc.Arbitrary<AssetListDocument> = fc
  .tuple(
    record({
      ...revisedHeader,
      unit: unitArb,
      assets: assetsArb(0, 6).chain((ids) =>
        fc.tuple(...ids.map((assetId) => fc.tuple(gsrnArb, capabilitiesArb, optionalName).map(([connectionPoint, capabilities, name]): ListedAsset => withName({ assetId, connectionPoint, ...capabilities }, name)))),
      ),
    }),
    pagingArb,
  )
  .map(([doc, paging]): AssetListDocument => (paging === undefined ? doc : { ...doc, paging }));

export const DOCUMENT_ARBITRARIES: { [K in DocumentKind]: fc.Arbitrary<Extract<ParsedDocument, { kind: K }>['document']> } = {
  schedule: scheduleArb,
  'capacity-limit': capacityLimitArb,
  'status-request': statusRequestArb,
  acknowledgement: acknowledgementArb,
  'asset-registration': assetRegistrationArb,
  'connection-point-registration': connectionPointRegistrationArb,
  'asset-list': assetListArb,
};

/** Any valid document with its kind. */
export function parsedDocumentArb<K extends DocumentKind>(kind: K): fc.Arbitrary<ParsedDocument> {
  return (DOCUMENT_ARBITRARIES[kind] as fc.Arbitrary<ParsedDocument['document']>).map((document) => ({ kind, document }) as ParsedDocument);
}
