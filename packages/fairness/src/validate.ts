// Input validation (F6a): everything that reaches a policy is a non-negative safe integer, asset
// IDs are unique and every sum stays below 2^53, where JS numbers are exact integers. Each error
// names the offending field so the CLI can print it as a one-line reason.

import type { Direction } from './types.js';
import { FairnessErrorCode, FairnessInputError } from './errors.js';

export interface ValidAsset {
  readonly id: string;
  readonly operator: string;
  readonly capacityW: number;
  /** Constant or per-interval plan; undefined = no plan submitted. */
  readonly plannedW: number | readonly number[] | undefined;
  readonly weight: number | undefined;
  readonly floorW: number;
}

const ASSET_FIELDS = new Set(['id', 'operator', 'capacityW', 'plannedW', 'weight', 'floorW']);

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function integerError(field: string, value: unknown, min: number): FairnessInputError {
  const what = min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`;
  return new FairnessInputError(FairnessErrorCode.InvalidInteger, field, `must be ${what} below 2^53 (got ${describe(value)})`);
}

/** A safe integer ≥ min (0 for watts, 1 for weights). */
export function checkInteger(value: unknown, field: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw integerError(field, value, min);
  return value;
}

function checkString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new FairnessInputError(FairnessErrorCode.InvalidString, field, `must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FairnessInputError(FairnessErrorCode.InvalidField, field, `must be an object (got ${describe(value)})`);
  }
  return value as Record<string, unknown>;
}

function checkArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new FairnessInputError(FairnessErrorCode.InvalidField, field, `must be an array (got ${describe(value)})`);
  }
  return value;
}

export function checkDirection(value: unknown, field = 'direction'): Direction {
  if (value === undefined) return 'production';
  if (value === 'production' || value === 'consumption') return value;
  throw new FairnessInputError(FairnessErrorCode.InvalidField, field, `must be "production" or "consumption" (got ${describe(value)})`);
}

export function checkLimits(value: unknown, field = 'limitsW'): number[] {
  const limits = checkArray(value, field);
  if (limits.length === 0) {
    throw new FairnessInputError(FairnessErrorCode.LengthMismatch, field, 'must list at least one interval');
  }
  return limits.map((limit, k) => checkInteger(limit, `${field}[${k}]`));
}

function checkPlanned(value: unknown, field: string, intervals: number | undefined): number | readonly number[] | undefined {
  if (value === undefined) return undefined;
  if (intervals === undefined || !Array.isArray(value)) return checkInteger(value, field);
  if (value.length !== intervals) {
    throw new FairnessInputError(
      FairnessErrorCode.LengthMismatch,
      field,
      `must have one value per interval (${intervals}), got ${value.length}`,
    );
  }
  for (let k = 0; k < value.length; k++) {
    const v: unknown = value[k];
    // Inline check: this loop runs once per asset-interval (10^6 for a large limit document).
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw integerError(`${field}[${k}]`, v, 0);
  }
  return value as readonly number[];
}

function checkSum(sum: number, field: string): void {
  if (!Number.isSafeInteger(sum)) {
    throw new FairnessInputError(FairnessErrorCode.SumTooLarge, field, `sum to ${sum}, above 2^53 − 1 where integers stay exact`);
  }
}

/**
 * @param intervals undefined for a single-interval request (plannedW must be a number), else the
 *   number of intervals (plannedW may be a number or one value per interval)
 */
export function checkAssets(value: unknown, intervals: number | undefined, field = 'assets'): ValidAsset[] {
  const list = checkArray(value, field);
  const seen = new Map<string, number>();
  const assets: ValidAsset[] = [];
  let sumCapacity = 0;
  let sumWeight = 0;
  for (let k = 0; k < list.length; k++) {
    const at = `${field}[${k}]`;
    const raw = checkObject(list[k], at);
    for (const key in raw) {
      if (!ASSET_FIELDS.has(key)) {
        throw new FairnessInputError(
          FairnessErrorCode.InvalidField,
          `${at}.${key}`,
          `is not a known field (expected ${[...ASSET_FIELDS].join(', ')})`,
        );
      }
    }
    const id = checkString(raw['id'], `${at}.id`);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new FairnessInputError(FairnessErrorCode.DuplicateAssetId, `${at}.id`, `duplicates ${field}[${first}].id (${describe(id)})`);
    }
    seen.set(id, k);
    const capacityW = checkInteger(raw['capacityW'], `${at}.capacityW`);
    const weight = raw['weight'] === undefined ? undefined : checkInteger(raw['weight'], `${at}.weight`, 1);
    assets.push({
      id,
      operator: checkString(raw['operator'], `${at}.operator`),
      capacityW,
      plannedW: checkPlanned(raw['plannedW'], `${at}.plannedW`, intervals),
      weight,
      floorW: raw['floorW'] === undefined ? 0 : checkInteger(raw['floorW'], `${at}.floorW`),
    });
    sumCapacity += capacityW;
    sumWeight += weight ?? capacityW;
  }
  checkSum(sumCapacity, `${field}[*].capacityW`);
  checkSum(sumWeight, `${field}[*].weight`);
  return assets;
}
