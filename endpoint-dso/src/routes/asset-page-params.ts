// `GET /assets?after=<assetId>&limit=<n>` (issue 14): optional keyset paging of the mirror in
// asset-id order. Without both the whole list comes back, as before paging existed.
import type { Request } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';

/** Largest page a caller may ask for (≈ 1.9 MB of JSON at ≈ 191 bytes per asset). */
export const MAX_ASSET_PAGE = 10_000;

export interface AssetPageParams {
  /** Only assets after this id; undefined: from the first. */
  after: string | undefined;
  /** At most this many; undefined: all. */
  limit: number | undefined;
}

export function assetPageParams(req: Request): AssetPageParams {
  const { after, limit } = req.query;
  const problems: Array<{ field: string; message: string }> = [];
  let afterId: string | undefined;
  if (after !== undefined) {
    // An asset id as the mirror stores it (EIC, at most 60 characters); anything else cannot be
    // a cursor this endpoint handed out.
    if (typeof after === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/.test(after)) afterId = after;
    else problems.push({ field: 'after', message: 'not an asset id' });
  }
  let n: number | undefined;
  if (limit !== undefined) {
    if (typeof limit === 'string' && /^\d{1,6}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_ASSET_PAGE) n = Number(limit);
    else problems.push({ field: 'limit', message: `a whole number from 1 to ${MAX_ASSET_PAGE}` });
  }
  if (problems.length > 0) throw HttpProblem.badRequest('invalid paging parameters', problems);
  return { after: afterId, limit: n };
}
