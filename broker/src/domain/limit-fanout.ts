// F6a, F7, NF3: what each AGR/BRP receives of a limit — only its own assets. Foreseen: one grant
// series per own asset from the fair split. Unforeseen: the DSO's signal series cut down to its
// own assets. Series mRIDs are derived (opaque), so they carry neither the DSO's nor another
// operator's identifiers.
import type { SeriesDecision } from '../../../packages/fairness/src/index.js';
import type { ForeseenLimitSeries, GrantSeries, UnforeseenSignalSeries } from '../../../packages/iec62325/src/model/market-documents.types.js';
import { opaqueId } from './opaque-id.js';

export interface LimitOrigin {
  dso: string;
  mrid: string;
}

/** Adds the grants of one split series to `byOperator` (operator → its grant series). */
export function addGrants(byOperator: Map<string, GrantSeries[]>, origin: LimitOrigin, series: ForeseenLimitSeries, decision: SeriesDecision): void {
  decision.assetIds.forEach((assetId, i) => {
    const operator = decision.assetOperators[i]!;
    const grant: GrantSeries = {
      mRID: opaqueId('G', origin.dso, origin.mrid, series.mRID, assetId),
      direction: series.direction,
      assetId,
      resolution: series.resolution,
      interval: series.interval,
      grantW: decision.intervals.map((interval) => interval.grantsW[i]!),
    };
    byOperator.set(operator, [...(byOperator.get(operator) ?? []), grant]);
  });
}

/** Splits unforeseen signal series per operator: each keeps only the assets it operates. */
export function signalsByOperator(origin: LimitOrigin, series: readonly UnforeseenSignalSeries[], operatorOf: ReadonlyMap<string, string>): Map<string, UnforeseenSignalSeries[]> {
  const result = new Map<string, UnforeseenSignalSeries[]>();
  for (const s of series) {
    const perOperator = new Map<string, string[]>();
    for (const assetId of s.assetIds) {
      const operator = operatorOf.get(assetId);
      if (operator) perOperator.set(operator, [...(perOperator.get(operator) ?? []), assetId]);
    }
    for (const [operator, assetIds] of perOperator) {
      const own: UnforeseenSignalSeries = { mRID: opaqueId('U', origin.dso, origin.mrid, s.mRID, operator), direction: s.direction, assetIds, action: s.action };
      result.set(operator, [...(result.get(operator) ?? []), own]);
    }
  }
  return result;
}
