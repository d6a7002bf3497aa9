import { BUSINESS_TYPE, CURVE_TYPE, INDICATOR, MESSAGE_TYPE, OBJECT_AGGREGATION, PROCESS_TYPE } from '../codes/market-codes.js';
import type { ScheduleDocument } from '../model/market-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { EIC_SCHEME, writeInterval, writePeriod, writeStandardHeader } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkSchedule } from './schedule.checks.js';

/**
 * GL_MarketDocument (F8). One TimeSeries per asset, businessType A07 with signed quantities:
 * positive = production (feed-in), negative = consumption. A cancelled series carries
 * cancelledTS A01 and no Period.
 */
export function buildSchedule(doc: ScheduleDocument, options?: WriteOptions): string {
  checkSchedule(doc);
  const w = new XmlWriter(options).root('GL_MarketDocument', NAMESPACE.schedule);
  writeStandardHeader(w, doc, MESSAGE_TYPE.schedule, PROCESS_TYPE.scheduleDay);
  writeInterval(w, 'time_Period.timeInterval', doc.period);
  for (const series of doc.series) {
    w.open('TimeSeries')
      .leaf('mRID', series.mRID)
      .leaf('businessType', BUSINESS_TYPE.netProductionConsumption)
      .leaf('objectAggregation', OBJECT_AGGREGATION.resourceObject)
      .leaf('registeredResource.mRID', series.assetId, EIC_SCHEME)
      .leaf('quantity_Measurement_Unit.name', doc.unit)
      .leaf('curveType', CURVE_TYPE.sequentialFixedSizeBlock);
    if (series.cancelled) {
      w.leaf('cancelledTS', INDICATOR.yes);
    } else {
      writePeriod(w, 'Period', series.interval, series.resolution, series.pointsW, doc.unit);
    }
    w.close('TimeSeries');
  }
  return w.close('GL_MarketDocument').toString();
}
