// EIC codes (ENTSO-E Energy Identification Codes) name components and market parties (F1).
// The check-character rule lives once, with the other identifiers of the wire (packages/iec62325);
// these are the directory's conveniences over it.
import { eicCheckChar, isValidEic as isValidEicCode } from '../../iec62325/src/identifiers/eic.js';

/** The check character for a 15-character stem; undefined when the stem is malformed or would need '-'. */
export function eicCheckCharacter(first15: string): string | undefined {
  try {
    const check = eicCheckChar(first15);
    // A '-' check character is not allowed: codes that would need one are never issued.
    return check === '-' ? undefined : check;
  } catch {
    return undefined;
  }
}

export function isValidEic(code: string): boolean {
  return isValidEicCode(code);
}

/** Appends the check character to a 15-character stem (test fixtures, demo set-ups). */
export function eicWithCheck(stem: string): string {
  const c = eicCheckCharacter(stem);
  if (stem.length !== 15 || c === undefined) throw new RangeError(`no valid EIC for stem '${stem}'`);
  return stem + c;
}
