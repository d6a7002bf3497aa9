// Identifiers checked when parsed (STYLE): connection points by GSRN check digit, assets by EIC
// W-code check character, document IDs by the ESMP mRID pattern.
import { z } from 'zod';
import { isValidGsrn } from '../../../packages/iec62325/src/identifiers/gsrn.js';
import { isValidEicOfType, EIC_ASSET_TYPE } from '../../../packages/iec62325/src/identifiers/eic.js';
import { isReasonCode } from '../../../packages/iec62325/src/codes/reason-codes.js';

export const connectionPointId = z.string().refine(isValidGsrn, { message: 'must be an 18-digit GS1 GSRN with a valid check digit' });
export const assetId = z.string().refine((s) => isValidEicOfType(s, EIC_ASSET_TYPE), { message: 'must be an EIC W-code with a valid check character' });
export const documentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/, 'must be 1–60 characters of A–Z a–z 0–9 . _ : - starting with a letter or digit');

/** Reasons a DSO may give for a limit (451-1 codes; A01/A02 are acknowledgement outcomes). */
export const limitReason = z.strictObject({
  code: z.string().refine((c) => isReasonCode(c) && c !== 'A01' && c !== 'A02', { message: 'must be a 451-1 reason code such as B19, B24 or B46' }),
  text: z.string().max(512).optional(),
});

/** Sorted, duplicate-free list; duplicates are a client mistake worth naming. */
export function uniqueList<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .min(1)
    .max(max)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${v}` });
        seen.add(v);
      });
    });
}

/** `?ids=a,b` or `?ids=a&ids=b` → list. */
export function queryList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}
