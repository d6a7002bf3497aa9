import { MARKET_ROLE } from '../codes/market-codes.js';
import { makeEic } from '../identifiers/eic.js';
import { makeGsrn } from '../identifiers/gsrn.js';
import type { MarketParticipant } from '../model/common.types.js';
import type { ParsedDocument } from '../model/parsed-document.types.js';
import type { DocumentKind } from '../schema/document-kinds.js';

// Fixed, valid example documents: what `tps doc example` writes, what the golden files hold and a
// readable specimen of every kind. Identifiers come from the generators, so check characters
// are right by construction.
export const EXAMPLE_PARTIES = {
  dso: { mRID: makeEic('10X', 'DSO-NORTH'), role: MARKET_ROLE.dso },
  aggregator: { mRID: makeEic('10X', 'AGR-ALPHA'), role: MARKET_ROLE.resourceAggregator },
  platform: { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform },
} satisfies Record<string, MarketParticipant>;

export const EXAMPLE_ASSETS = {
  battery: makeEic('10W', 'BATTERY-1'),
  heatPump: makeEic('10W', 'HEATPUMP-7'),
  solar: makeEic('10W', 'SOLAR-3'),
};

export const EXAMPLE_CONNECTION_POINTS = {
  battery: makeGsrn('57131318040000001'),
  heatPump: makeGsrn('57131318040000002'),
  solar: makeGsrn('57131318040000003'),
};

const CREATED = '2026-03-01T09:30:00Z';
const DAY = { start: '2026-03-02T00:00Z', end: '2026-03-03T00:00Z' };
const MORNING = { start: '2026-03-02T06:00Z', end: '2026-03-02T08:00Z' };
const { dso, aggregator, platform } = EXAMPLE_PARTIES;
const { battery, heatPump, solar } = EXAMPLE_ASSETS;

/** The primary example of every kind (a foreseen limit for capacity-limit). */
export function exampleDocuments(): Record<DocumentKind, ParsedDocument> {
  return {
    schedule: {
      kind: 'schedule',
      document: {
        mRID: 'schedule-agr-alpha-20260302',
        revisionNumber: 2,
        sender: aggregator,
        receiver: platform,
        createdDateTime: CREATED,
        period: DAY,
        unit: 'KWT',
        series: [
          // F8: the battery charges (negative) at 06:00, then discharges (positive).
          { mRID: 'ts-1', assetId: battery, cancelled: false, resolution: 'PT15M', interval: MORNING, pointsW: [-5000, -5000, -2500, 0, 1500, 3000, 4999, 5000] },
          { mRID: 'ts-2', assetId: heatPump, cancelled: false, resolution: 'PT60M', interval: MORNING, pointsW: [-3200, -1750] },
          { mRID: 'ts-3', assetId: solar, cancelled: true },
        ],
      },
    },
    'capacity-limit': {
      kind: 'capacity-limit',
      document: {
        mRID: 'limit-north-20260302',
        revisionNumber: 1,
        sender: dso,
        receiver: platform,
        createdDateTime: CREATED,
        period: MORNING,
        status: 'active',
        unit: 'KWT',
        reasons: [{ code: 'B19', text: 'Transformer maintenance T-14' }],
        limitType: 'foreseen',
        series: [
          { mRID: 'lim-p', direction: 'production', assetIds: [battery, solar], resolution: 'PT60M', interval: MORNING, availableW: [4000, 6500] },
          { mRID: 'lim-c', direction: 'consumption', assetIds: [battery, heatPump], resolution: 'PT60M', interval: MORNING, availableW: [3000, 3000] },
        ],
      },
    },
    'status-request': {
      kind: 'status-request',
      document: {
        mRID: 'request-north-0001',
        sender: dso,
        receiver: platform,
        createdDateTime: CREATED,
        requested: 'schedules',
        assetIds: [battery, heatPump],
        interval: DAY,
      },
    },
    acknowledgement: {
      kind: 'acknowledgement',
      document: {
        mRID: 'ack-0001',
        sender: platform,
        receiver: aggregator,
        createdDateTime: CREATED,
        received: { mRID: 'schedule-agr-alpha-20260302', revisionNumber: 2 },
        accepted: false,
        reasons: [{ code: 'A51', text: 'Revision 3 of this schedule has already been received' }],
      },
    },
    'asset-registration': {
      kind: 'asset-registration',
      document: {
        mRID: 'assets-agr-alpha-0001',
        revisionNumber: 1,
        sender: aggregator,
        receiver: platform,
        createdDateTime: CREATED,
        unit: 'KWT',
        assets: [
          { action: 'register', assetId: battery, name: 'Home battery 1', operator: aggregator.mRID, connectionPoint: EXAMPLE_CONNECTION_POINTS.battery, produces: true, consumes: true, maxProductionW: 5000, maxConsumptionW: 5000 },
          { action: 'update', assetId: heatPump, operator: aggregator.mRID, connectionPoint: EXAMPLE_CONNECTION_POINTS.heatPump, produces: false, consumes: true, maxProductionW: 0, maxConsumptionW: 3500 },
          { action: 'remove', assetId: solar },
        ],
      },
    },
    'connection-point-registration': {
      kind: 'connection-point-registration',
      document: {
        mRID: 'points-north-0001',
        revisionNumber: 1,
        sender: dso,
        receiver: platform,
        createdDateTime: CREATED,
        dso: dso.mRID,
        connectionPoints: [
          { connectionPoint: EXAMPLE_CONNECTION_POINTS.battery, action: 'add' },
          { connectionPoint: EXAMPLE_CONNECTION_POINTS.heatPump, action: 'add' },
          { connectionPoint: EXAMPLE_CONNECTION_POINTS.solar, action: 'remove' },
        ],
      },
    },
    'asset-list': {
      kind: 'asset-list',
      document: {
        mRID: 'asset-list-north-0001',
        revisionNumber: 1,
        sender: platform,
        receiver: dso,
        createdDateTime: CREATED,
        unit: 'KWT',
        assets: [
          { assetId: battery, name: 'Home battery 1', connectionPoint: EXAMPLE_CONNECTION_POINTS.battery, produces: true, consumes: true, maxProductionW: 5000, maxConsumptionW: 5000 },
          { assetId: heatPump, connectionPoint: EXAMPLE_CONNECTION_POINTS.heatPump, produces: false, consumes: true, maxProductionW: 0, maxConsumptionW: 3500 },
        ],
      },
    },
  };
}

/** Further specimens with their golden-file names: the other limit forms and a cancellation. */
export function exampleVariants(): Record<string, ParsedDocument> {
  return {
    'capacity-limit.unforeseen': {
      kind: 'capacity-limit',
      document: {
        mRID: 'emergency-north-0007',
        revisionNumber: 1,
        sender: dso,
        receiver: platform,
        createdDateTime: '2026-03-02T06:41:12Z',
        period: { start: '2026-03-02T06:45Z', end: '2026-03-02T09:00Z' },
        status: 'active',
        unit: 'MAW',
        reasons: [{ code: 'B24', text: 'Overload on feeder F-2' }],
        limitType: 'unforeseen',
        series: [
          { mRID: 'sig-1', direction: 'consumption', assetIds: [heatPump], action: 'stop' },
          { mRID: 'sig-2', direction: 'production', assetIds: [battery], action: 'start' },
          { mRID: 'sig-3', direction: 'production', assetIds: [solar], action: 'hold' },
        ],
      },
    },
    'capacity-limit.grant': {
      kind: 'capacity-limit',
      document: {
        mRID: 'grant-limit-north-20260302-agr-alpha',
        revisionNumber: 1,
        sender: platform,
        receiver: aggregator,
        createdDateTime: '2026-03-01T09:31:00Z',
        period: MORNING,
        status: 'active',
        unit: 'KWT',
        reasons: [],
        limitType: 'grant',
        series: [
          { mRID: 'g-1', direction: 'consumption', assetId: battery, resolution: 'PT60M', interval: MORNING, grantW: [1714, 1714] },
          { mRID: 'g-2', direction: 'consumption', assetId: heatPump, resolution: 'PT60M', interval: MORNING, grantW: [1286, 1286] },
        ],
      },
    },
    'capacity-limit.cancelled': {
      kind: 'capacity-limit',
      document: {
        mRID: 'limit-north-20260302',
        revisionNumber: 2,
        sender: dso,
        receiver: platform,
        createdDateTime: '2026-03-01T15:00:00Z',
        period: MORNING,
        status: 'cancelled',
        unit: 'KWT',
        reasons: [{ code: 'A95', text: 'Maintenance postponed' }],
        limitType: 'foreseen',
        series: [],
      },
    },
  };
}
