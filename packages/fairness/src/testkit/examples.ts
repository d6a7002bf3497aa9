// The section used by the worked examples and docs: three assets, two operators.
//   A: AGR-1, capacity 60 W, plans 10 W   → need 10
//   B: AGR-2, capacity 60 W, plans 60 W   → need 60
//   C: AGR-1, capacity 30 W, no plan      → need 30
import type { AssetInput } from '../types.js';

export const SECTION: readonly AssetInput[] = [
  { id: 'A', operator: 'AGR-1', capacityW: 60, plannedW: 10 },
  { id: 'B', operator: 'AGR-2', capacityW: 60, plannedW: 60 },
  { id: 'C', operator: 'AGR-1', capacityW: 30 },
];

export function withFloors(floors: Readonly<Record<string, number>>): AssetInput[] {
  return SECTION.map((a) => (floors[a.id] === undefined ? a : { ...a, floorW: floors[a.id]! }));
}
