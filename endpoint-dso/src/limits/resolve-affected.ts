// A limit may only name assets and connection points on the sending DSO's grid (NF3, F6b):
// checked against the DSO's own mirror and registrations before anything is sent. Connection
// points expand to the assets connected there.
import type { ProblemFieldError } from '../../../packages/http/src/index.js';
import type { DsoContext } from '../deps.js';
import type { AffectedInput } from '../mapping/limit.input.js';

export async function resolveAffected(
  ctx: DsoContext,
  dso: string,
  items: readonly AffectedInput[],
  listField: 'series' | 'signals',
): Promise<{ assetsPerItem: string[][]; errors: ProblemFieldError[] }> {
  const { assets, points } = ctx.stores;
  const named = [...new Set(items.flatMap((s) => s.assetIds ?? []))];
  const onGrid = new Set((await assets.findMany(ctx.db, dso, named)).map((a) => a.assetId));
  // Rejected points were never accepted by the core: they are not this DSO's. Only the named points
  // are read: an emergency signal must not cost a scan of a DSO's whole grid.
  const namedPoints = [...new Set(items.flatMap((s) => s.connectionPointIds ?? []))];
  const ownPoints = new Set((await points.findMany(ctx.db, dso, namedPoints)).filter((p) => p.state !== 'rejected').map((p) => p.connectionPoint));
  const namedOwn = namedPoints.filter((cp) => ownPoints.has(cp));
  const atPoint = new Map<string, string[]>();
  for (const a of await assets.atConnectionPoints(ctx.db, dso, namedOwn)) {
    atPoint.set(a.connectionPoint, [...(atPoint.get(a.connectionPoint) ?? []), a.assetId]);
  }

  const errors: ProblemFieldError[] = [];
  const assetsPerItem = items.map((item, i) => {
    const before = errors.length;
    const out = new Set<string>();
    (item.assetIds ?? []).forEach((id, j) => {
      if (onGrid.has(id)) out.add(id);
      else errors.push({ field: `${listField}.${i}.assetIds.${j}`, message: `${id} is not an asset on this DSO's grid` });
    });
    (item.connectionPointIds ?? []).forEach((cp, j) => {
      if (!ownPoints.has(cp)) errors.push({ field: `${listField}.${i}.connectionPointIds.${j}`, message: `${cp} is not a connection point of this DSO` });
      else for (const id of atPoint.get(cp) ?? []) out.add(id);
    });
    if (errors.length === before && out.size === 0 && (item.assetIds?.length || item.connectionPointIds?.length)) {
      errors.push({ field: `${listField}.${i}.connectionPointIds`, message: 'no assets are connected at these connection points' });
    }
    return [...out].sort();
  });
  return { assetsPerItem, errors };
}
