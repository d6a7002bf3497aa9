import { checkAssetId, checkId, checkNonEmpty, checkRevisedHeader, checkUnique, checkUnit } from '../checks/common.checks.js';
import { checkPointValues, checkSeriesShape } from '../checks/series.checks.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { ScheduleDocument } from '../model/market-documents.types.js';
import { intervalBounds } from '../time/esmp-time.js';

const ROOT = 'GL_MarketDocument';

/** F8/F9 rules of a schedule beyond its schema. */
export function checkSchedule(doc: ScheduleDocument): void {
  checkRevisedHeader(doc, ROOT);
  intervalBounds(doc.period, `${ROOT}/time_Period.timeInterval`);
  checkUnit(doc.unit, `${ROOT}/quantity_Measurement_Unit.name`);
  checkNonEmpty(doc.series, `${ROOT}/TimeSeries`);
  doc.series.forEach((series, i) => {
    const field = `${ROOT}/TimeSeries[${i + 1}]`;
    checkId(series.mRID, `${field}/mRID`);
    checkAssetId(series.assetId, `${field}/registeredResource.mRID`);
    if (series.cancelled === true) return;
    if (series.cancelled !== false) {
      throw new DocumentError(DocumentErrorCode.InvalidContent, 'cancelled must be true or false', { field });
    }
    checkPointValues(series.pointsW, false, `${field}/Period`);
    checkSeriesShape(series.interval, series.resolution, series.pointsW.length, `${field}/Period`, {
      interval: doc.period,
      name: 'time_Period.timeInterval',
    });
  });
  checkUnique(doc.series.map((s) => s.mRID), `${ROOT}/TimeSeries`, 'series mRID');
}
