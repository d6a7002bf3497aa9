// Paths and small readers shared by the deployment tests (NF2).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every YAML document of a text; a syntax error or a warning fails loudly (no silent half-parse). */
export function parseYamlDocuments(text: string, source: string): Json[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true, merge: true });
  const out: Json[] = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) throw new Error(`${source}: ${problems.map((e) => e.message).join('; ')}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as Json;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

export function readYamlDocuments(path: string): Json[] {
  return parseYamlDocuments(readFileSync(path, 'utf8'), path);
}

/**
 * The environment variables the platform reads, taken from the one place that reads them
 * (packages/config/src/platform-config.ts): every `env, 'NAME'` argument there.
 */
export function platformEnvironmentVariables(): Set<string> {
  const src = readFileSync(repoPath('packages', 'config', 'src', 'platform-config.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of src.matchAll(/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]!);
  if (names.size === 0) throw new Error('no environment variables found in platform-config.ts');
  return names;
}
