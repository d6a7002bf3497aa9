import type { LightElement } from '../xml/light-tree.js';
import { INDICATOR, type QuantityUnit } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { ScheduleDocument, ScheduleSeries } from '../model/market-documents.types.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readInterval, readPeriod, readStandardHeader } from '../xml/esmp-readers.js';
import { checkSchedule } from './schedule.checks.js';

/** Reads a profile-valid GL_MarketDocument and applies the schedule rules. */
export function readSchedule(root: LightElement): ScheduleDocument {
  const c = new ElementCursor(root, 'GL_MarketDocument');
  const { mRID, revisionNumber, sender, receiver, createdDateTime } = readStandardHeader(c);
  const period = readInterval(c, 'time_Period.timeInterval');
  let unit: QuantityUnit | undefined;
  const series = c.elements('TimeSeries').map((element, i): ScheduleSeries => {
    const s = new ElementCursor(element, `${c.path}/TimeSeries[${i + 1}]`);
    const seriesId = s.text('mRID', false);
    s.element('businessType');
    s.element('objectAggregation');
    const assetId = s.text('registeredResource.mRID', false);
    const seriesUnit = s.text('quantity_Measurement_Unit.name') as QuantityUnit;
    unit ??= seriesUnit;
    s.element('curveType');
    const cancelled = s.optionalText('cancelledTS') === INDICATOR.yes;
    const periodElement = s.optionalElement('Period');
    if (cancelled) {
      if (periodElement !== undefined) {
        throw new DocumentError(DocumentErrorCode.InvalidContent, 'a cancelled series (cancelledTS A01) has no Period', { field: s.path });
      }
      return { mRID: seriesId, assetId, cancelled: true };
    }
    if (periodElement === undefined) {
      throw new DocumentError(DocumentErrorCode.InvalidContent, 'a series that is not cancelled needs a Period', { field: s.path, reasonCode: 'A69' });
    }
    const p = readPeriod(new ElementCursor(periodElement, `${s.path}/Period`), seriesUnit);
    return { mRID: seriesId, assetId, cancelled: false, resolution: p.resolution, interval: p.interval, pointsW: p.pointsW };
  });
  const doc: ScheduleDocument = { mRID, revisionNumber, sender, receiver, createdDateTime, period, unit: unit ?? 'KWT', series };
  checkSchedule(doc);
  return doc;
}
