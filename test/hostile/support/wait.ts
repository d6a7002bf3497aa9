// The hostile-input tests' polling wait (the one in packages/testing) and a plain pause.
export { waitFor } from '../../../packages/testing/src/index.js';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
