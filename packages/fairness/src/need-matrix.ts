// need = min(capacity, plan) per asset and interval, or the capacity where no plan was submitted:
// the yardstick of the metrics and the cap of waterfill and prorata-request. Computed once per
// series into an interval-major matrix, so each interval reads one contiguous row instead of
// touching 10^4 separate plan arrays (the input is asset-major).

import type { ValidAsset } from './validate.js';
import { Float64Buffer } from './buffers.js';

// Reused by every series: 7.7 MB for 10^4 assets × 96 intervals, allocated once instead of per call
// (a fresh external buffer per call also provoked full garbage collections). Only the table of the
// running call refers to it, and no decision keeps the table.
const matrixBuffer = new Float64Buffer();
const constantBuffer = new Float64Buffer();

// Below 2^30 the difference of two values fits an int32, so min() can be computed without a
// data-dependent branch: with random plans that branch is mispredicted a third of the time, which
// made this step 4× slower.
const INT_LIMIT = 2 ** 30;

function fillColumn(plan: readonly number[], cap: number, need: Float64Array, position: number, count: number): void {
  if (cap < INT_LIMIT) {
    for (let k = 0; k < plan.length; k++) {
      const p = plan[k]!;
      const q = p < INT_LIMIT ? p : INT_LIMIT;
      const d = (cap - q) | 0;
      need[k * count + position] = q + (d & (d >> 31)); // min(cap, q)
    }
  } else {
    for (let k = 0; k < plan.length; k++) {
      const p = plan[k]!;
      need[k * count + position] = p < cap ? p : cap;
    }
  }
}

/** need of assets with no or a constant plan (the same in every row). */
function constantNeeds(sorted: readonly ValidAsset[], constant: Float64Array): void {
  for (let i = 0; i < sorted.length; i++) {
    const { capacityW, plannedW } = sorted[i]!;
    constant[i] = typeof plannedW === 'number' ? Math.min(capacityW, plannedW) : capacityW;
  }
}

function copyRows(constant: Float64Array, needW: Float64Array, rows: number): void {
  for (let r = 0; r < rows; r++) needW.set(constant, r * constant.length);
}

function perIntervalNeeds(sorted: readonly ValidAsset[], needW: Float64Array): void {
  for (let i = 0; i < sorted.length; i++) {
    const { capacityW, plannedW } = sorted[i]!;
    if (typeof plannedW === 'object') fillColumn(plannedW, capacityW, needW, i, sorted.length);
  }
}

/**
 * @param sorted the assets in canonical order
 * @returns the matrix (row r = interval r) and its number of rows: one per interval when any asset
 *   has a per-interval plan, else a single row shared by all intervals
 */
export function buildNeedMatrix(sorted: readonly ValidAsset[], intervals: number): { needW: Float64Array; rows: number } {
  const count = sorted.length;
  const rows = sorted.some((a) => typeof a.plannedW === 'object') ? intervals : 1;
  // Assets with no or a constant plan have the same need in every row: copy that row whole (a
  // memory copy), then write the per-interval plans column by column (strided writes, slower).
  // Each loop is a function of its own: see docs/fairness.md, "Performance".
  const constant = constantBuffer.take(count);
  constantNeeds(sorted, constant);
  const needW = matrixBuffer.take(count * rows);
  copyRows(constant, needW, rows);
  perIntervalNeeds(sorted, needW);
  return { needW, rows };
}
