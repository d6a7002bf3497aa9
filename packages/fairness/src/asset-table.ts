// Validated assets laid out as parallel typed arrays in canonical order: sorted by asset ID in
// UTF-16 code-unit order (not locale order, which can differ between machines). The canonical
// order makes the decision independent of the order the caller listed the assets in, and it is
// the asset-ID tie-break of the largest-remainder step (F6a: deterministic, byte-identical output).

import type { AssetColumns } from './policy.js';
import type { ValidAsset } from './validate.js';
import { buildNeedMatrix } from './need-matrix.js';

export interface AssetTable {
  readonly count: number;
  readonly ids: readonly string[];
  readonly operators: readonly string[];
  /** Distinct operators, sorted; `operatorIndex[i]` points into it. */
  readonly operatorNames: readonly string[];
  readonly operatorIndex: Int32Array;
  readonly capacityW: Float64Array;
  /** Explicit weight, else capacityW. */
  readonly weight: Float64Array;
  /** Requested floors, or undefined when no asset has one. */
  readonly floorW: Float64Array | undefined;
  /** need per interval, interval-major (need-matrix.ts); `needRows` is 1 when no plan varies. */
  readonly needW: Float64Array;
  readonly needRows: number;
  /** All ones, for policies that ignore size. */
  readonly unit: Float64Array;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Fills the per-asset columns; returns whether any asset has a floor. A function of its own: see docs/fairness.md, "Performance". */
function fillColumns(
  sorted: readonly ValidAsset[],
  operatorPosition: ReadonlyMap<string, number>,
  operatorIndex: Int32Array,
  capacityW: Float64Array,
  weight: Float64Array,
  floorW: Float64Array,
): boolean {
  let hasFloors = false;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    operatorIndex[i] = operatorPosition.get(a.operator)!;
    capacityW[i] = a.capacityW;
    weight[i] = a.weight ?? a.capacityW;
    floorW[i] = a.floorW;
    if (a.floorW > 0) hasFloors = true;
  }
  return hasFloors;
}

export function buildAssetTable(assets: readonly ValidAsset[], intervals = 1): AssetTable {
  const sorted = [...assets].sort((a, b) => byCodeUnits(a.id, b.id));
  const count = sorted.length;
  const operatorNames = [...new Set(sorted.map((a) => a.operator))].sort(byCodeUnits);
  const operatorPosition = new Map(operatorNames.map((name, k) => [name, k]));
  const operatorIndex = new Int32Array(count);
  const capacityW = new Float64Array(count);
  const weight = new Float64Array(count);
  const floorW = new Float64Array(count);
  const hasFloors = fillColumns(sorted, operatorPosition, operatorIndex, capacityW, weight, floorW);
  const need = buildNeedMatrix(sorted, intervals);
  return {
    count,
    ids: sorted.map((a) => a.id),
    operators: sorted.map((a) => a.operator),
    operatorNames,
    operatorIndex,
    capacityW,
    weight,
    floorW: hasFloors ? floorW : undefined,
    needW: need.needW,
    needRows: need.rows,
    unit: new Float64Array(count).fill(1),
  };
}

/** What the policies read for one interval; `needW` is a view into the table's need matrix. */
export function columnsFor(table: AssetTable, interval: number): AssetColumns {
  const start = table.needRows === 1 ? 0 : interval * table.count;
  return {
    count: table.count,
    capacityW: table.capacityW,
    needW: table.needW.subarray(start, start + table.count),
    weight: table.weight,
    unit: table.unit,
  };
}
