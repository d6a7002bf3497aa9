// EIC codes (ENTSO-E Energy Identification Codes): 16 characters, the last one a check character
// computed over the first 15. Components and market parties are both named by EIC (F1).
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';

export function eicCheckCharacter(first15: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = ALPHABET.indexOf(first15[i] ?? '');
    if (v < 0) return undefined;
    sum += v * (16 - i);
  }
  const check = ALPHABET[36 - ((sum - 1) % 37)];
  // A '-' check character is not allowed: codes that would need one are never issued.
  return check === '-' ? undefined : check;
}

export function isValidEic(code: string): boolean {
  return /^[0-9A-Z][0-9A-Z-]{14}[0-9A-Z]$/.test(code) && eicCheckCharacter(code.slice(0, 15)) === code[15];
}

/** Appends the check character to a 15-character stem (test fixtures, demo set-ups). */
export function eicWithCheck(stem: string): string {
  const c = eicCheckCharacter(stem);
  if (stem.length !== 15 || c === undefined) throw new RangeError(`no valid EIC for stem '${stem}'`);
  return stem + c;
}
