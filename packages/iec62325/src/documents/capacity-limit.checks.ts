import { UNFORESEEN_ACTIONS } from '../codes/market-codes.js';
import {
  checkAssetId,
  checkId,
  checkNonEmpty,
  checkReasons,
  checkRevisedHeader,
  checkUnique,
  checkUnit,
} from '../checks/common.checks.js';
import { checkPointValues, checkSeriesShape } from '../checks/series.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { Direction } from '../model/common.types.js';
import type { CapacityLimitDocument } from '../model/market-documents.types.js';
import { intervalBounds } from '../time/esmp-time.js';

const ROOT = 'Unavailability_MarketDocument';
const PERIOD = 'unavailability_Time_Period.timeInterval';

function checkDirection(direction: Direction, field: string): void {
  if (direction !== 'production' && direction !== 'consumption') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `direction must be production or consumption, got ${JSON.stringify(direction)}`, { field });
  }
}

function checkAssets(assetIds: readonly string[], field: string): void {
  checkNonEmpty(assetIds, field);
  assetIds.forEach((id, i) => checkAssetId(id, `${field}[${i + 1}]/mRID`));
  checkUnique(assetIds, field, 'asset');
}

/** F6/F7 rules of a capacity limit beyond its schema. */
export function checkCapacityLimit(doc: CapacityLimitDocument): void {
  checkRevisedHeader(doc, ROOT);
  intervalBounds(doc.period, `${ROOT}/${PERIOD}`);
  if (doc.status !== 'active' && doc.status !== 'cancelled') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `status must be active or cancelled, got ${JSON.stringify(doc.status)}`, { field: `${ROOT}/docStatus` });
  }
  checkUnit(doc.unit, `${ROOT}/TimeSeries/quantity_Measurement_Unit.name`);
  checkReasons(doc.reasons, `${ROOT}/Reason`);
  if (!Array.isArray(doc.series)) throw new DocumentError(DocumentErrorCode.InvalidContent, 'series must be an array', { field: `${ROOT}/TimeSeries` });
  // A cancellation may omit the content it withdraws; an active limit must say what it limits.
  if (doc.status === 'active') checkNonEmpty(doc.series, `${ROOT}/TimeSeries`);
  const period = { interval: doc.period, name: PERIOD };
  const seriesField = (i: number): string => `${ROOT}/TimeSeries[${i + 1}]`;
  switch (doc.limitType) {
    case 'foreseen':
      doc.series.forEach((s, i) => {
        checkId(s.mRID, `${seriesField(i)}/mRID`);
        checkDirection(s.direction, seriesField(i));
        checkAssets(s.assetIds, `${seriesField(i)}/Asset_RegisteredResource`);
        checkPointValues(s.availableW, true, `${seriesField(i)}/Available_Period`);
        checkSeriesShape(s.interval, s.resolution, s.availableW.length, `${seriesField(i)}/Available_Period`, period);
      });
      break;
    case 'grant':
      doc.series.forEach((s, i) => {
        checkId(s.mRID, `${seriesField(i)}/mRID`);
        checkDirection(s.direction, seriesField(i));
        checkAssetId(s.assetId, `${seriesField(i)}/Asset_RegisteredResource/mRID`);
        checkPointValues(s.grantW, true, `${seriesField(i)}/Available_Period`);
        checkSeriesShape(s.interval, s.resolution, s.grantW.length, `${seriesField(i)}/Available_Period`, period);
      });
      break;
    case 'unforeseen':
      doc.series.forEach((s, i) => {
        checkId(s.mRID, `${seriesField(i)}/mRID`);
        checkDirection(s.direction, seriesField(i));
        checkAssets(s.assetIds, `${seriesField(i)}/Asset_RegisteredResource`);
        if (!UNFORESEEN_ACTIONS.includes(s.action)) {
          throw new DocumentError(DocumentErrorCode.InvalidContent, `action must be start, stop or hold, got ${JSON.stringify(s.action)}`, {
            field: `${seriesField(i)}/businessType`,
            reasonCode: 'A62',
          });
        }
      });
      break;
    default:
      throw new DocumentError(DocumentErrorCode.InvalidContent, `limitType must be foreseen, grant or unforeseen, got ${JSON.stringify((doc as { limitType: unknown }).limitType)}`, {
        field: `${ROOT}/process.processType`,
        reasonCode: 'A79',
      });
  }
  checkUnique(doc.series.map((s) => s.mRID), `${ROOT}/TimeSeries`, 'series mRID');
}
