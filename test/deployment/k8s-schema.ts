// Schema validation of Kubernetes objects (NF2) with kubernetes-models (the Kubernetes OpenAPI
// schemas compiled to validators), plus the check those validators leave out: unknown fields.
// kubectl apply (server-side field validation, Strict since 1.27) rejects a misspelt field such
// as `readinesProbe`; the JSON schemas accept it, so field names are checked here against the
// model's TypeScript interfaces shipped in the same package.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { isObject, type Json } from './repo.js';
import type { K8sObject } from './kustomize.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** apiVersion/kind → model class and the .d.ts (inside kubernetes-models) declaring its fields. */
const MODELS: Record<string, { model: ModelClass; dts: string }> = {
  'v1/ConfigMap': { model: ConfigMap as unknown as ModelClass, dts: 'v1/ConfigMap' },
  'v1/Namespace': { model: Namespace as unknown as ModelClass, dts: 'v1/Namespace' },
  'v1/PersistentVolumeClaim': { model: PersistentVolumeClaim as unknown as ModelClass, dts: 'v1/PersistentVolumeClaim' },
  'v1/Secret': { model: Secret as unknown as ModelClass, dts: 'v1/Secret' },
  'v1/Service': { model: Service as unknown as ModelClass, dts: 'v1/Service' },
  'v1/ServiceAccount': { model: ServiceAccount as unknown as ModelClass, dts: 'v1/ServiceAccount' },
  'apps/v1/Deployment': { model: Deployment as unknown as ModelClass, dts: 'apps/v1/Deployment' },
  'apps/v1/StatefulSet': { model: StatefulSet as unknown as ModelClass, dts: 'apps/v1/StatefulSet' },
  'batch/v1/Job': { model: Job as unknown as ModelClass, dts: 'batch/v1/Job' },
  'autoscaling/v2/HorizontalPodAutoscaler': { model: HorizontalPodAutoscaler as unknown as ModelClass, dts: 'autoscaling/v2/HorizontalPodAutoscaler' },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget as unknown as ModelClass, dts: 'policy/v1/PodDisruptionBudget' },
  'networking.k8s.io/v1/Ingress': { model: Ingress as unknown as ModelClass, dts: 'networking.k8s.io/v1/Ingress' },
  'networking.k8s.io/v1/NetworkPolicy': { model: NetworkPolicy as unknown as ModelClass, dts: 'networking.k8s.io/v1/NetworkPolicy' },
};

const modelsRoot = dirname(fileURLToPath(import.meta.resolve('kubernetes-models')));
const nodeModules = dirname(modelsRoot);

/** Problems of one object: unknown apiVersion/kind, schema violations, unknown fields. */
export function validateObject(o: K8sObject): string[] {
  const key = `${o.apiVersion}/${o.kind}`;
  const entry = MODELS[key];
  const where = `${o.kind}/${o.metadata.name}`;
  if (!entry) return [`${where}: no schema for ${key} (unsupported or misspelt apiVersion/kind)`];
  const problems: string[] = [];
  try {
    new entry.model(structuredClone(o) as never).validate();
  } catch (e) {
    problems.push(`${where}: ${(e as Error).message}`);
  }
  for (const path of unknownFields(o, join(modelsRoot, `${entry.dts}.d.ts`))) problems.push(`${where}: unknown field ${path}`);
  return problems;
}

// --- unknown-field check from the models' .d.ts interfaces -------------------------------------

type FieldType = { kind: 'leaf' } | { kind: 'ref'; file: string } | { kind: 'array'; of: FieldType } | { kind: 'map'; of: FieldType };
const shapes = new Map<string, Map<string, FieldType> | null>();

function resolveImport(spec: string, fromFile: string): string {
  if (spec.startsWith('.')) return `${join(dirname(fromFile), spec)}.d.ts`;
  const nested = `${join(modelsRoot, 'node_modules', spec)}.d.ts`;
  return existsSync(nested) ? nested : `${join(nodeModules, spec)}.d.ts`;
}

/** The fields of the first interface declared in a model .d.ts; null when it declares a type alias (leaf). */
function shapeOf(file: string): Map<string, FieldType> | null {
  const cached = shapes.get(file);
  if (cached !== undefined) return cached;
  if (!existsSync(file)) throw new Error(`model declaration ${file} not found`);
  const src = readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const imports = new Map<string, string>();
  for (const m of src.matchAll(/import \{([^}]*)\} from "([^"]+)";/g)) {
    for (const name of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) imports.set(name, resolveImport(m[2]!, file));
  }
  const start = src.search(/export interface \w+(?: extends [^{]+)? \{/);
  if (start < 0) {
    shapes.set(file, null);
    return null;
  }
  const open = src.indexOf('{', start);
  let depth = 0;
  let end = open;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const body = src.slice(open + 1, end);
  const entries: string[] = [];
  let current = '';
  depth = 0;
  for (const ch of body) {
    if (ch === '{' || ch === '<') depth++;
    if (ch === '}' || ch === '>') depth--;
    if (ch === ';' && depth === 0) {
      entries.push(current.trim());
      current = '';
    } else current += ch;
  }
  const fields = new Map<string, FieldType>();
  const typeOf = (t: string): FieldType => {
    t = t.trim();
    const arr = /^Array<(.+)>$/s.exec(t);
    if (arr) return { kind: 'array', of: typeOf(arr[1]!) };
    const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(t);
    if (map) return { kind: 'map', of: typeOf(map[1]!) };
    const ref = imports.get(t);
    return ref ? { kind: 'ref', file: ref } : { kind: 'leaf' };
  };
  for (const e of entries) {
    const m = /^"([^"]+)"\??:\s*([\s\S]+)$/.exec(e);
    if (m) fields.set(m[1]!, typeOf(m[2]!));
  }
  shapes.set(file, fields);
  return fields;
}

function checkValue(value: Json | undefined, type: FieldType, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'leaf':
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, type.of, `${path}[${i}]`, out));
      return;
    case 'map':
      if (isObject(value)) for (const [k, v] of Object.entries(value)) checkValue(v, type.of, `${path}.${k}`, out);
      return;
    case 'ref': {
      const shape = shapeOf(type.file);
      if (shape === null || !isObject(value)) return;
      for (const [k, v] of Object.entries(value)) {
        const t = shape.get(k);
        if (!t) out.push(`${path}.${k}`);
        else checkValue(v, t, `${path}.${k}`, out);
      }
    }
  }
}

export function unknownFields(o: Json, dtsFile: string): string[] {
  const out: string[] = [];
  checkValue(o, { kind: 'ref', file: dtsFile }, '', out);
  return out.map((p) => p.replace(/^\./, ''));
}
