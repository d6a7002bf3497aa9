import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The project's schemas live in <repo>/xsd. Found by walking up from this module, so it works
// from src (tsx) and from dist (compiled); TPS_XSD_DIR overrides (e.g. in a container image).
const MARKER = 'tps-esmp-types.xsd';

export function xsdDir(): string {
  const override = process.env.TPS_XSD_DIR;
  if (override !== undefined && override !== '') return resolve(override);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'xsd');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the xsd/ folder (${MARKER}) above ${fileURLToPath(import.meta.url)}; set TPS_XSD_DIR`);
    dir = parent;
  }
}

