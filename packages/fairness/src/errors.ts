// Errors of the fairness splitter. Bad input is the caller's fault and says which field is wrong
// (the CLI turns it into exit code 2); an invariant violation is a bug in a policy and is never
// silently returned as a decision (F6a: Σ grants ≤ limit, 0 ≤ grant ≤ cap).

export const FairnessErrorCode = {
  /** Not a non-negative safe integer where integer watts / weights are required. */
  InvalidInteger: 'INVALID_INTEGER',
  /** Missing or empty string (asset ID, operator). */
  InvalidString: 'INVALID_STRING',
  /** Wrong shape: not an object/array, unknown field, unknown direction. */
  InvalidField: 'INVALID_FIELD',
  DuplicateAssetId: 'DUPLICATE_ASSET_ID',
  UnknownPolicy: 'UNKNOWN_POLICY',
  /** A per-interval array whose length differs from the number of intervals. */
  LengthMismatch: 'LENGTH_MISMATCH',
  /** A sum (capacities, weights) would leave the range where numbers are exact integers. */
  SumTooLarge: 'SUM_TOO_LARGE',
  InvariantViolated: 'INVARIANT_VIOLATED',
} as const;
export type FairnessErrorCode = (typeof FairnessErrorCode)[keyof typeof FairnessErrorCode];

export class FairnessError extends Error {
  override readonly name: string = 'FairnessError';
  readonly code: FairnessErrorCode;

  constructor(code: FairnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The request is invalid; `field` names the offending value, e.g. `assets[3].capacityW`. */
export class FairnessInputError extends FairnessError {
  override readonly name = 'FairnessInputError';
  readonly field: string;

  constructor(code: FairnessErrorCode, field: string, message: string, options?: { cause?: unknown }) {
    super(code, `${field} ${message}`, options);
    this.field = field;
  }
}

/** A policy produced grants that break an invariant: a bug, never a normal outcome. */
export class FairnessInvariantError extends FairnessError {
  override readonly name = 'FairnessInvariantError';
  readonly policy: string;

  constructor(policy: string, message: string) {
    super(FairnessErrorCode.InvariantViolated, `policy ${policy}: ${message}`);
    this.policy = policy;
  }
}
