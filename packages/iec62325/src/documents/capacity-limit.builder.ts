import { CURVE_TYPE, LOCAL_ACTION_CODE, MESSAGE_TYPE, type QuantityUnit } from '../codes/market-codes.js';
import type { Direction } from '../model/common.types.js';
import type { CapacityLimitDocument } from '../model/market-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import type { TimeInterval } from '../time/esmp-time.js';
import { EIC_SCHEME, writeInterval, writeParty, writePeriod, writeReasons } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkCapacityLimit } from './capacity-limit.checks.js';
import { AVAILABLE_CAPACITY, DOC_STATUS, PROCESS_OF_LIMIT, PSR_OF_DIRECTION } from './capacity-limit.codes.js';

/** The series header: business type, start/end as date + time, unit, curve, direction, assets. */
function openSeries(
  w: XmlWriter,
  series: { mRID: string; direction: Direction },
  businessType: string,
  interval: TimeInterval,
  unit: QuantityUnit,
  assetIds: readonly string[],
): void {
  w.open('TimeSeries').leaf('mRID', series.mRID).leaf('businessType', businessType);
  // "2026-03-01T10:15Z" -> date "2026-03-01", time "10:15:00Z"
  w.leaf('start_DateAndOrTime.date', interval.start.slice(0, 10))
    .leaf('start_DateAndOrTime.time', `${interval.start.slice(11, 16)}:00Z`)
    .leaf('end_DateAndOrTime.date', interval.end.slice(0, 10))
    .leaf('end_DateAndOrTime.time', `${interval.end.slice(11, 16)}:00Z`)
    .leaf('quantity_Measurement_Unit.name', unit)
    .leaf('curveType', CURVE_TYPE.sequentialFixedSizeBlock)
    .leaf('production_RegisteredResource.pSRType.psrType', PSR_OF_DIRECTION[series.direction]);
  for (const assetId of assetIds) w.open('Asset_RegisteredResource').leaf('mRID', assetId, EIC_SCHEME).close('Asset_RegisteredResource');
}

/**
 * Unavailability_MarketDocument (F6, F7): a foreseen limit (process A15, available capacity per
 * direction for the named assets), grants (process A07, one asset per series) or an unforeseen
 * issue (process A26, local action codes Z01 start / Z02 stop / Z03 hold until the period end).
 */
export function buildCapacityLimit(doc: CapacityLimitDocument, options?: WriteOptions): string {
  checkCapacityLimit(doc);
  const w = new XmlWriter(options).root('Unavailability_MarketDocument', NAMESPACE.capacityLimit);
  w.leaf('mRID', doc.mRID)
    .leaf('revisionNumber', String(doc.revisionNumber))
    .leaf('type', MESSAGE_TYPE.capacityLimit)
    .leaf('process.processType', PROCESS_OF_LIMIT[doc.limitType])
    .leaf('createdDateTime', doc.createdDateTime);
  writeParty(w, 'sender', doc.sender);
  writeParty(w, 'receiver', doc.receiver);
  writeInterval(w, 'unavailability_Time_Period.timeInterval', doc.period);
  w.open('docStatus').leaf('value', DOC_STATUS[doc.status]).close('docStatus');
  switch (doc.limitType) {
    case 'foreseen':
      for (const s of doc.series) {
        openSeries(w, s, AVAILABLE_CAPACITY, s.interval, doc.unit, s.assetIds);
        writePeriod(w, 'Available_Period', s.interval, s.resolution, s.availableW, doc.unit);
        w.close('TimeSeries');
      }
      break;
    case 'grant':
      for (const s of doc.series) {
        openSeries(w, s, AVAILABLE_CAPACITY, s.interval, doc.unit, [s.assetId]);
        writePeriod(w, 'Available_Period', s.interval, s.resolution, s.grantW, doc.unit);
        w.close('TimeSeries');
      }
      break;
    case 'unforeseen':
      for (const s of doc.series) {
        openSeries(w, s, LOCAL_ACTION_CODE[s.action], doc.period, doc.unit, s.assetIds);
        w.close('TimeSeries');
      }
      break;
  }
  writeReasons(w, doc.reasons);
  return w.close('Unavailability_MarketDocument').toString();
}
