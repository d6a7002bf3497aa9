import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's location (works from src and from dist). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));

/**
 * The official ENTSO-E schemas beside the checkout (../shared/reference/iec62325), or
 * TPS_REFERENCE_DIR. Returns undefined when absent; conformance tests must then fail under CI.
 */
export function referenceSchemaDir(): string | undefined {
  const dir = process.env.TPS_REFERENCE_DIR ?? join(repoRoot, '..', 'shared', 'reference', 'iec62325');
  return existsSync(dir) ? dir : undefined;
}
