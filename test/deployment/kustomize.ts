// A small, strict kustomize renderer for the subset of kustomize the manifests use (NF2):
// resources (files and directories with a kustomization.yaml), namespace, images, replicas and
// patches (strategic merge, matched by apiVersion group + kind + name). Anything else in a
// kustomization.yaml is an error, so a feature the tests cannot render is never silently skipped.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isObject, parseYamlDocuments, type Json, type JsonObject } from './repo.js';

export interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string };
}

const SUPPORTED_KEYS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'PriorityClass', 'IngressClass']);
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export function asK8sObject(doc: Json, source: string): K8sObject {
  if (!isObject(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') {
    throw new Error(`${source}: not a Kubernetes object (apiVersion and kind required)`);
  }
  const meta = doc.metadata;
  if (!isObject(meta) || typeof meta.name !== 'string' || meta.name === '') throw new Error(`${source}: ${doc.kind} without metadata.name`);
  return doc as K8sObject;
}

const group = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');
export const objectId = (o: { apiVersion: string; kind: string; metadata: { name: string } }): string =>
  `${group(o.apiVersion) || 'core'}/${o.kind}/${o.metadata.name}`;

export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [k, ...rest] = parseYamlDocuments(readFileSync(file, 'utf8'), file);
  if (!isObject(k) || rest.length > 0) throw new Error(`${file}: expected one mapping`);
  for (const key of Object.keys(k)) {
    if (!SUPPORTED_KEYS.has(key)) throw new Error(`${file}: kustomization field '${key}' is not supported by the test renderer`);
  }
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') throw new Error(`${file}: not a Kustomization`);

  let objects: K8sObject[] = [];
  for (const entry of asArray(k.resources, `${file} resources`)) {
    if (typeof entry !== 'string') throw new Error(`${file}: resource entries must be paths`);
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${file}: resource '${entry}' does not exist`);
    if (statSync(path).isDirectory()) objects.push(...renderKustomization(path));
    else objects.push(...parseYamlDocuments(readFileSync(path, 'utf8'), path).map((d) => asK8sObject(d, path)));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const id = objectId(o);
    if (seen.has(id)) throw new Error(`${file}: duplicate object ${id}`);
    seen.add(id);
  }

  for (const p of asArray(k.patches, `${file} patches`)) {
    if (!isObject(p) || typeof p.path !== 'string' || Object.keys(p).length !== 1) throw new Error(`${file}: only 'patches: - path: FILE' is supported`);
    const patchFile = resolve(dir, p.path);
    for (const doc of parseYamlDocuments(readFileSync(patchFile, 'utf8'), patchFile)) {
      const patch = asK8sObject(doc, patchFile);
      const target = objects.find((o) => objectId(o) === objectId(patch));
      if (!target) throw new Error(`${patchFile}: patch target ${objectId(patch)} not found`);
      objects = objects.map((o) => (o === target ? (strategicMerge(o, patch) as K8sObject) : o));
    }
  }

  for (const r of asArray(k.replicas, `${file} replicas`)) {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.count !== 'number') throw new Error(`${file}: replicas entries need name and count`);
    const targets = objects.filter((o) => SCALABLE_KINDS.has(o.kind) && o.metadata.name === r.name);
    if (targets.length !== 1) throw new Error(`${file}: replicas target '${r.name}' not found`);
    (targets[0]!.spec as JsonObject).replicas = r.count;
  }

  for (const img of asArray(k.images, `${file} images`)) {
    if (!isObject(img) || typeof img.name !== 'string') throw new Error(`${file}: images entries need a name`);
    let used = false;
    for (const c of allContainers(objects)) {
      const { name, tag } = splitImage(String(c.image ?? ''));
      if (name !== img.name) continue;
      used = true;
      const newName = typeof img.newName === 'string' ? img.newName : name;
      const newTag = typeof img.newTag === 'string' ? img.newTag : tag;
      c.image = newTag ? `${newName}:${newTag}` : newName;
    }
    if (!used) throw new Error(`${file}: image '${img.name}' is not used by any container`);
  }

  if (k.namespace !== undefined) {
    if (typeof k.namespace !== 'string') throw new Error(`${file}: namespace must be a string`);
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  return objects;
}

function asArray(v: Json | undefined, what: string): Json[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${what} must be a list`);
  return v;
}

export function splitImage(image: string): { name: string; tag: string | undefined } {
  const at = image.indexOf('@');
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = noDigest.lastIndexOf(':');
  if (colon > noDigest.lastIndexOf('/')) return { name: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { name: noDigest, tag: undefined };
}

export function podSpec(o: K8sObject): JsonObject | undefined {
  if (!POD_TEMPLATE_KINDS.has(o.kind)) return undefined;
  const spec = o.spec;
  if (!isObject(spec) || !isObject(spec.template) || !isObject(spec.template.spec)) return undefined;
  return spec.template.spec;
}

export function podTemplateLabels(o: K8sObject): Record<string, string> {
  const spec = o.spec;
  if (!isObject(spec) || !isObject(spec.template) || !isObject(spec.template.metadata)) return {};
  const labels = spec.template.metadata.labels;
  return isObject(labels) ? (labels as Record<string, string>) : {};
}

export function containersOf(pod: JsonObject, withInit = true): JsonObject[] {
  const list = [...(Array.isArray(pod.containers) ? pod.containers : []), ...(withInit && Array.isArray(pod.initContainers) ? pod.initContainers : [])];
  return list.filter(isObject);
}

export function allContainers(objects: K8sObject[]): JsonObject[] {
  return objects.flatMap((o) => {
    const pod = podSpec(o);
    return pod ? containersOf(pod) : [];
  });
}

/**
 * Strategic merge as kubectl/kustomize do it for the fields used here: maps merge recursively,
 * null deletes, lists of objects that all carry a `name` merge by name (containers, env,
 * volumes, …), every other list is replaced. `$patch` directives are not supported.
 */
export function strategicMerge(base: Json | undefined, patch: Json): Json {
  if (isObject(patch)) {
    for (const key of Object.keys(patch)) if (key.startsWith('$')) throw new Error(`strategic-merge directive ${key} is not supported`);
    const out: JsonObject = isObject(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = strategicMerge(out[key], value);
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(base)) {
    const named = (l: Json[]): boolean => l.length > 0 && l.every((x) => isObject(x) && typeof x.name === 'string');
    if (named(patch) && named(base)) {
      const out = base.map((x) => x);
      for (const item of patch as JsonObject[]) {
        const i = out.findIndex((x) => (x as JsonObject).name === item.name);
        if (i >= 0) out[i] = strategicMerge(out[i], item);
        else out.push(item);
      }
      return out;
    }
  }
  return structuredClone(patch);
}
