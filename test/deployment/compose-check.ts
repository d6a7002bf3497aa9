// Structural checks of docker/compose.yaml (NF2), without a Docker engine: services, their
// dependencies and start order, volumes, networks, bind mounts, build context, environment.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type Json, type JsonObject } from './repo.js';

export interface ComposeContext {
  /** Folder of compose.yaml (relative paths resolve from here). */
  dir: string;
  /** Environment variables the TPS image reads (the platform's). */
  platformEnv: Set<string>;
  /** Environment variables third-party images are documented to read, by image repository. */
  imageEnv: Record<string, Set<string>>;
  /** Variables defined for interpolation (docker/.env.example). */
  interpolationVars: Set<string>;
  /** True when the image built from this Dockerfile declares a HEALTHCHECK. */
  dockerfileHasHealthcheck: (dockerfile: string) => boolean;
}

const TOP_LEVEL = new Set(['name', 'services', 'volumes', 'networks', 'secrets', 'configs']);
const SERVICE_KEYS = new Set(['image', 'build', 'command', 'entrypoint', 'environment', 'volumes', 'ports', 'depends_on', 'healthcheck', 'networks', 'restart', 'hostname', 'user', 'read_only', 'tmpfs', 'profiles']);
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

export function interpolatedVariables(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g)) out.add(m[1]!);
  for (const m of text.matchAll(/\$(?![{$])([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]!);
  return out;
}

export function serviceEnvironment(svc: JsonObject): Record<string, string> {
  const env = svc.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => {
      const s = String(e);
      const i = s.indexOf('=');
      return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
    }));
  }
  if (!isObject(env)) throw new Error('environment must be a mapping or a list');
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export function serviceNetworks(svc: JsonObject): string[] {
  const n = svc.networks;
  if (n === undefined) return ['default'];
  return Array.isArray(n) ? n.map(String) : isObject(n) ? Object.keys(n) : [];
}

export function checkCompose(doc: Json, rawText: string, ctx: ComposeContext): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['compose file is not a mapping'];
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key) && !key.startsWith('x-')) problems.push(`unknown top-level key '${key}'`);
  const services = isObject(doc.services) ? doc.services : {};
  const volumes = isObject(doc.volumes) ? doc.volumes : {};
  const networks = isObject(doc.networks) ? doc.networks : {};
  if (Object.keys(services).length === 0) problems.push('no services');

  for (const v of interpolatedVariables(rawText)) {
    if (!ctx.interpolationVars.has(v)) problems.push(`interpolated variable \${${v}} is not defined in .env.example`);
  }

  const healthchecked = (name: string): boolean => {
    const s = services[name];
    if (!isObject(s)) return false;
    if (isObject(s.healthcheck)) return s.healthcheck.disable !== true && Array.isArray(s.healthcheck.test);
    const build = s.build;
    if (isObject(build)) return ctx.dockerfileHasHealthcheck(join(ctx.dir, String(build.context ?? '.'), String(build.dockerfile ?? 'Dockerfile')));
    return false;
  };

  for (const [name, svcJson] of Object.entries(services)) {
    const where = `service ${name}`;
    if (!isObject(svcJson)) {
      problems.push(`${where}: not a mapping`);
      continue;
    }
    const svc = svcJson;
    for (const key of Object.keys(svc)) if (!SERVICE_KEYS.has(key)) problems.push(`${where}: unknown key '${key}'`);
    if (svc.image === undefined && svc.build === undefined) problems.push(`${where}: neither image nor build`);

    if (isObject(svc.build)) {
      const context = join(ctx.dir, String(svc.build.context ?? '.'));
      const dockerfile = join(context, String(svc.build.dockerfile ?? 'Dockerfile'));
      if (!existsSync(context)) problems.push(`${where}: build context ${svc.build.context} does not exist`);
      if (!existsSync(dockerfile)) problems.push(`${where}: Dockerfile ${svc.build.dockerfile} does not exist`);
    }

    const deps = svc.depends_on;
    const depEntries: [string, Json][] = Array.isArray(deps) ? deps.map((d) => [String(d), null]) : isObject(deps) ? Object.entries(deps) : [];
    for (const [dep, spec] of depEntries) {
      if (!isObject(services[dep])) problems.push(`${where}: depends_on undefined service '${dep}'`);
      const condition = isObject(spec) ? spec.condition : undefined;
      if (typeof condition !== 'string' || !CONDITIONS.has(condition)) problems.push(`${where}: depends_on ${dep} without a valid condition`);
      else if (condition === 'service_healthy' && !healthchecked(dep)) problems.push(`${where}: waits for ${dep} to be healthy, but ${dep} has no health check`);
    }

    for (const v of Array.isArray(svc.volumes) ? svc.volumes : []) {
      const source = typeof v === 'string' ? v.split(':')[0]! : isObject(v) ? String(v.source ?? '') : '';
      if (source.startsWith('.') || source.startsWith('/')) {
        if (!existsSync(join(ctx.dir, source))) problems.push(`${where}: bind-mount source ${source} does not exist`);
      } else if (!(source in volumes)) problems.push(`${where}: volume '${source}' is not defined`);
    }
    for (const n of serviceNetworks(svc)) if (n !== 'default' && !(n in networks)) problems.push(`${where}: network '${n}' is not defined`);

    const env = serviceEnvironment(svc);
    const isTps = svc.build !== undefined;
    const allowed = isTps ? ctx.platformEnv : ctx.imageEnv[String(svc.image).split(':')[0]!];
    if (!allowed) problems.push(`${where}: no list of environment variables known for image ${svc.image}`);
    else for (const k of Object.keys(env)) if (!allowed.has(k)) problems.push(`${where}: environment variable ${k} is not read by ${isTps ? 'the platform' : String(svc.image)}`);
  }

  for (const [name] of Object.entries(volumes)) {
    const used = Object.values(services).some((s) => isObject(s) && Array.isArray(s.volumes) && s.volumes.some((v) => (typeof v === 'string' ? v.split(':')[0] : isObject(v) ? v.source : undefined) === name));
    if (!used) problems.push(`volume '${name}' is defined but unused`);
  }
  return problems;
}

/** Pairs of services that share at least one network (a possible direct connection). */
export function sharedNetworks(doc: JsonObject, a: string, b: string): string[] {
  const services = doc.services as JsonObject;
  const na = serviceNetworks(services[a] as JsonObject);
  const nb = new Set(serviceNetworks(services[b] as JsonObject));
  return na.filter((n) => nb.has(n));
}

export function readEnvExample(path: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.trim());
    if (m) out.add(m[1]!);
  }
  return out;
}
