export type { ComponentContext, ComponentHandle, ComponentName } from './component.js';
export { openComponentDatabase } from './open-component-db.js';
