// Docker HEALTHCHECK for a TPS container (NF2). Slim images have no curl, so node probes
// GET /health itself. The image serves one component per container; which one is read from
// the main process's command line (`… tps.js serve core`), and its port from the same
// environment variables the platform reads (TPS_*_PORT, defaults 8700–8703).
// Exit 0 = healthy (HTTP 200), 1 = unhealthy (503 degraded, refused, timeout).
import { readFileSync } from 'node:fs';

const DEFAULT_PORTS = { directory: 8700, core: 8701, agr: 8702, dso: 8703 };
const ENV_NAMES = { directory: 'TPS_DIRECTORY_PORT', core: 'TPS_CORE_PORT', agr: 'TPS_AGR_PORT', dso: 'TPS_DSO_PORT' };

export function componentFromArgv(argv) {
  const i = argv.indexOf('serve');
  const c = i >= 0 ? argv[i + 1] : undefined;
  return c !== undefined && Object.hasOwn(DEFAULT_PORTS, c) ? c : undefined;
}

export function portFor(component, env) {
  const raw = env[ENV_NAMES[component]];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : DEFAULT_PORTS[component];
}

function mainProcessArgv() {
  // PID 1 is node itself, or docker-init/tini whose argv still contains the node command.
  try {
    return readFileSync('/proc/1/cmdline', 'utf8').split('\0').filter(Boolean);
  } catch {
    return process.argv;
  }
}

async function probe(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const component = componentFromArgv(mainProcessArgv());
  // Unknown command line (e.g. a one-shot job): probe every component port, any 200 is healthy.
  const ports = component ? [portFor(component, process.env)] : Object.keys(DEFAULT_PORTS).map((c) => portFor(c, process.env));
  const results = await Promise.all(ports.map(probe));
  process.exit(results.some(Boolean) ? 0 : 1);
}
