import type { LightElement } from '../xml/light-tree.js';
import type { QuantityUnit } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { Direction } from '../model/common.types.js';
import type {
  CapacityLimitDocument,
  ForeseenLimitSeries,
  GrantSeries,
  UnforeseenSignalSeries,
} from '../model/market-documents.types.js';
import type { TimeInterval } from '../time/esmp-time.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readInterval, readParty, readPeriod, readReasons, type ReadPeriod } from '../xml/esmp-readers.js';
import { checkCapacityLimit } from './capacity-limit.checks.js';
import { ACTION_OF_CODE, AVAILABLE_CAPACITY, DIRECTION_OF_PSR, DOC_STATUS, LIMIT_OF_PROCESS, type LimitType } from './capacity-limit.codes.js';

interface RawSeries {
  mRID: string;
  businessType: string;
  start: string;
  end: string;
  unit: QuantityUnit;
  direction: Direction;
  assetIds: string[];
  period: ReadPeriod | undefined;
  path: string;
}

function readSeries(element: LightElement, path: string): RawSeries {
  const s = new ElementCursor(element, path);
  const mRID = s.text('mRID', false);
  const businessType = s.text('businessType');
  // Series bounds are written as xs:date + xs:time; rebuilt as YYYY-MM-DDTHH:MMZ to compare.
  const start = `${s.text('start_DateAndOrTime.date')}T${s.text('start_DateAndOrTime.time').slice(0, 5)}Z`;
  const end = `${s.text('end_DateAndOrTime.date')}T${s.text('end_DateAndOrTime.time').slice(0, 5)}Z`;
  const unit = s.text('quantity_Measurement_Unit.name') as QuantityUnit;
  s.element('curveType');
  const direction = DIRECTION_OF_PSR.get(s.text('production_RegisteredResource.pSRType.psrType')) as Direction;
  const assetIds = s.elements('Asset_RegisteredResource').map((asset, i) =>
    new ElementCursor(asset, `${path}/Asset_RegisteredResource[${i + 1}]`).text('mRID', false),
  );
  const available = s.optionalElement('Available_Period');
  const period = available === undefined ? undefined : readPeriod(new ElementCursor(available, `${path}/Available_Period`), unit);
  return { mRID, businessType, start, end, unit, direction, assetIds, period, path };
}

function checkBounds(raw: RawSeries, interval: TimeInterval): void {
  if (raw.start !== interval.start || raw.end !== interval.end) {
    throw new DocumentError(
      DocumentErrorCode.InvalidTime,
      `series start/end ${raw.start}/${raw.end} differ from its interval ${interval.start}/${interval.end}`,
      { field: `${raw.path}/start_DateAndOrTime.date` },
    );
  }
}

function availablePeriod(raw: RawSeries, limitType: LimitType): ReadPeriod {
  if (raw.businessType !== AVAILABLE_CAPACITY || raw.period === undefined) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `a ${limitType} limit series has businessType ${AVAILABLE_CAPACITY} and an Available_Period`, {
      field: `${raw.path}/businessType`,
      reasonCode: 'A62',
    });
  }
  checkBounds(raw, raw.period.interval);
  return raw.period;
}

function toForeseen(raw: RawSeries): ForeseenLimitSeries {
  const p = availablePeriod(raw, 'foreseen');
  return { mRID: raw.mRID, direction: raw.direction, assetIds: raw.assetIds, resolution: p.resolution, interval: p.interval, availableW: p.pointsW };
}

function toGrant(raw: RawSeries): GrantSeries {
  const p = availablePeriod(raw, 'grant');
  const [assetId, ...others] = raw.assetIds;
  if (assetId === undefined || others.length > 0) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'a grant series names exactly one asset', { field: `${raw.path}/Asset_RegisteredResource` });
  }
  return { mRID: raw.mRID, direction: raw.direction, assetId, resolution: p.resolution, interval: p.interval, grantW: p.pointsW };
}

function toSignal(raw: RawSeries, period: TimeInterval): UnforeseenSignalSeries {
  const action = ACTION_OF_CODE.get(raw.businessType);
  if (action === undefined || raw.period !== undefined) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'an unforeseen signal series has a local action code (Z01/Z02/Z03) and no Available_Period', {
      field: `${raw.path}/businessType`,
      reasonCode: 'A62',
    });
  }
  checkBounds(raw, period);
  return { mRID: raw.mRID, direction: raw.direction, assetIds: raw.assetIds, action };
}

/** Reads a profile-valid Unavailability_MarketDocument and applies the capacity-limit rules. */
export function readCapacityLimit(root: LightElement): CapacityLimitDocument {
  const c = new ElementCursor(root, 'Unavailability_MarketDocument');
  const mRID = c.text('mRID', false);
  const revisionNumber = Number(c.text('revisionNumber', false));
  c.element('type');
  const limitType = LIMIT_OF_PROCESS.get(c.text('process.processType')) as LimitType;
  const createdDateTime = c.text('createdDateTime');
  const sender = readParty(c, 'sender');
  const receiver = readParty(c, 'receiver');
  const period = readInterval(c, 'unavailability_Time_Period.timeInterval');
  const status: 'active' | 'cancelled' = c.cursor('docStatus').text('value') === DOC_STATUS.cancelled ? 'cancelled' : 'active';
  const raws = c.elements('TimeSeries').map((element, i) => readSeries(element, `${c.path}/TimeSeries[${i + 1}]`));
  const reasons = readReasons(c);
  const unit = raws[0]?.unit ?? 'KWT';
  const header = { mRID, revisionNumber, sender, receiver, createdDateTime, period, status, unit, reasons };
  let doc: CapacityLimitDocument;
  switch (limitType) {
    case 'foreseen':
      doc = { ...header, limitType, series: raws.map(toForeseen) };
      break;
    case 'grant':
      doc = { ...header, limitType, series: raws.map(toGrant) };
      break;
    case 'unforeseen':
      doc = { ...header, limitType, series: raws.map((raw) => toSignal(raw, period)) };
      break;
  }
  checkCapacityLimit(doc);
  return doc;
}
