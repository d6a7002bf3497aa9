// Contract check for REST facades: every RAML route is served and every served route is in the
// RAML (F2). Operational routes shared by all components are outside the business contract.
import type { RamlContract } from '../../rest/src/index.js';
import { servedRoutes } from '../../rest/src/index.js';

const OPERATIONAL = new Set(['GET /health', 'GET /metrics', 'GET /docs', 'GET /docs/api.raml']);

export function compareRoutes(app: unknown, contract: RamlContract): { missingInApp: string[]; missingInRaml: string[] } {
  const served = new Set(servedRoutes(app).map((r) => `${r.method} ${r.path}`));
  const specified = new Set(contract.routes.map((r) => `${r.method} ${r.path}`));
  return {
    missingInApp: [...specified].filter((r) => !served.has(r)).sort(),
    missingInRaml: [...served].filter((r) => !specified.has(r) && !OPERATIONAL.has(r)).sort(),
  };
}
