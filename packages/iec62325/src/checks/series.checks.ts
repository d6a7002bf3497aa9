import type { Resolution } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import { checkWithin, expectedPointCount, type TimeInterval } from '../time/esmp-time.js';

// A fixed-size-block series (curveType A01) has exactly one point per resolution step of its
// interval, and the interval lies within the document's period.
export function checkPointValues(points: readonly number[], nonNegative: boolean, field: string): void {
  if (!Array.isArray(points)) throw new DocumentError(DocumentErrorCode.InvalidContent, 'points must be an array', { field });
  points.forEach((watts, i) => {
    if (!Number.isSafeInteger(watts) || (nonNegative && watts < 0)) {
      throw new DocumentError(
        DocumentErrorCode.InvalidQuantity,
        `must be ${nonNegative ? 'a non-negative' : 'an'} integer number of watts, got ${JSON.stringify(watts)}`,
        { field: `${field}/Point[${i + 1}]` },
      );
    }
  });
}

export function checkSeriesShape(
  interval: TimeInterval,
  resolution: Resolution,
  pointCount: number,
  field: string,
  period: { interval: TimeInterval; name: string },
): void {
  const expected = expectedPointCount(interval, resolution, field);
  if (pointCount !== expected) {
    throw new DocumentError(
      DocumentErrorCode.InvalidPositions,
      `has ${pointCount} points; ${interval.start}/${interval.end} at ${resolution} needs ${expected}`,
      { field },
    );
  }
  checkWithin(interval, period.interval, `${field}/timeInterval`, period.name);
}
