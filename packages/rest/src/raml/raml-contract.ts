// The RAML file is the contract of a REST facade (F2). This loads it with an independent parser
// (raml-1-parser) and exposes what tests and the /docs page need: the routes and type checks.
// The parser is imported when a contract is first loaded, not with this package: it alone is
// ≈ 40 MB of RSS (≈ 13 MB of heap), which a serving AGR/BRP process need not hold (issue 14).

export interface RamlRoute {
  method: string;
  /** Express-style path: /assets/:assetId */
  path: string;
  description: string;
}

interface RamlApi {
  errors(): Array<{ message: string; line?: number; path?: string }>;
  allResources(): Array<{
    completeRelativeUri(): string;
    methods(): Array<{ method(): string; description(): { value(): string } | null }>;
  }>;
  types(): Array<{ name(): string; validateInstance(value: unknown): string[] }>;
  title(): string;
  version(): string | null;
  toJSON(options: object): Record<string, unknown>;
}

type Loader = (file: string) => Promise<RamlApi>;

export interface RamlContract {
  title: string;
  routes: RamlRoute[];
  /** Errors of the named type for this value; [] when valid. Throws for an unknown type. */
  validate(typeName: string, value: unknown): string[];
  typeNames: string[];
  json: Record<string, unknown>;
}

const cache = new Map<string, Promise<RamlContract>>();

export function loadRamlContract(file: string): Promise<RamlContract> {
  let loaded = cache.get(file);
  if (!loaded) cache.set(file, (loaded = parseRamlContract(file)));
  return loaded;
}

/** Parses the contract afresh (not kept: callers that only need something derived let it go). */
export async function parseRamlContract(file: string): Promise<RamlContract> {
  const ramlModule = await import('raml-1-parser');
  // CommonJS module: its functions sit on the namespace or on `default`, depending on the loader.
  const ns = ramlModule as unknown as { loadApi?: Loader; default?: { loadApi: Loader } };
  const loadApi = ns.loadApi ?? ns.default!.loadApi;
  const api = await loadApi(file);
  const errors = api.errors();
  if (errors.length > 0) {
    throw new Error(`RAML ${file} has errors: ${errors.map((e) => `${e.path ?? ''}:${e.line ?? ''} ${e.message}`).join('; ')}`);
  }
  const routes: RamlRoute[] = [];
  for (const resource of api.allResources()) {
    const path = resource.completeRelativeUri().replace(/\{(\w+)\}/g, ':$1');
    for (const m of resource.methods()) routes.push({ method: m.method().toUpperCase(), path, description: m.description()?.value() ?? '' });
  }
  const types = new Map(api.types().map((t) => [t.name(), t]));
  return {
    title: api.title(),
    routes,
    typeNames: [...types.keys()],
    json: api.toJSON({ serializeMetadata: false }),
    validate(typeName, value) {
      const t = types.get(typeName);
      if (!t) throw new Error(`RAML type ${typeName} is not defined`);
      return t.validateInstance(value);
    },
  };
}

/** Routes an express app serves (flat route table: facades register full paths on the app). */
export function servedRoutes(app: unknown): Array<{ method: string; path: string }> {
  const stack = (app as { router?: { stack: Array<{ name: string; route?: { path: string; methods: Record<string, boolean> } }> } }).router?.stack ?? [];
  const out: Array<{ method: string; path: string }> = [];
  for (const layer of stack) {
    if (layer.name === 'router') throw new Error('mounted routers hide their paths: register facade routes on the app itself');
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return out;
}
