// Cross-object checks of rendered Kubernetes manifests (NF2): every reference resolves, labels
// and selectors agree, every TPS workload is probed, sized and locked down, and the
// NetworkPolicies allow exactly the intended flows (F1). Each check returns a list of problems
// (empty = fine) so that tests can also prove a check catches a broken copy.
import { isObject, type Json, type JsonObject } from './repo.js';
import { containersOf, podSpec, podTemplateLabels, type K8sObject } from './kustomize.js';

const find = (objs: K8sObject[], kind: string, name: string, ns?: string): K8sObject | undefined =>
  objs.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === ns);

const labelsMatch = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function matchLabels(sel: Json | undefined): Record<string, string> | undefined {
  if (!isObject(sel)) return undefined;
  if (sel.matchExpressions !== undefined) throw new Error('matchExpressions are not supported by these checks');
  return isObject(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : {};
}

export const workloads = (objs: K8sObject[]): K8sObject[] => objs.filter((o) => podSpec(o) !== undefined);

/** Every ConfigMap, Secret, PVC, ServiceAccount, Service and HPA/PDB target a manifest names exists. */
export function checkReferences(objs: K8sObject[]): string[] {
  const problems: string[] = [];
  const keyExists = (kind: 'ConfigMap' | 'Secret', name: string, ns: string | undefined, key: string | undefined, where: string): void => {
    const target = find(objs, kind, name, ns);
    if (!target) return void problems.push(`${where}: ${kind} '${name}' does not exist`);
    if (key === undefined) return;
    const keys = new Set([...Object.keys(isObject(target.data) ? target.data : {}), ...Object.keys(isObject(target.stringData) ? target.stringData : {})]);
    if (!keys.has(key)) problems.push(`${where}: ${kind} '${name}' has no key '${key}'`);
  };

  for (const w of workloads(objs)) {
    const ns = w.metadata.namespace;
    const pod = podSpec(w)!;
    const where = `${w.kind}/${w.metadata.name}`;
    const spec = w.spec as JsonObject;
    if (typeof pod.serviceAccountName === 'string' && !find(objs, 'ServiceAccount', pod.serviceAccountName, ns)) {
      problems.push(`${where}: ServiceAccount '${pod.serviceAccountName}' does not exist`);
    }
    const claimTemplates = new Set((Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).map((t) => (isObject(t) && isObject(t.metadata) ? String(t.metadata.name) : '')));
    const volumes = new Set<string>(claimTemplates);
    for (const v of Array.isArray(pod.volumes) ? pod.volumes : []) {
      if (!isObject(v)) continue;
      volumes.add(String(v.name));
      if (isObject(v.configMap)) {
        keyExists('ConfigMap', String(v.configMap.name), ns, undefined, `${where} volume ${v.name}`);
        for (const item of Array.isArray(v.configMap.items) ? v.configMap.items : []) if (isObject(item)) keyExists('ConfigMap', String(v.configMap.name), ns, String(item.key), `${where} volume ${v.name}`);
      }
      if (isObject(v.secret)) {
        keyExists('Secret', String(v.secret.secretName), ns, undefined, `${where} volume ${v.name}`);
        for (const item of Array.isArray(v.secret.items) ? v.secret.items : []) if (isObject(item)) keyExists('Secret', String(v.secret.secretName), ns, String(item.key), `${where} volume ${v.name}`);
      }
      if (isObject(v.persistentVolumeClaim) && !find(objs, 'PersistentVolumeClaim', String(v.persistentVolumeClaim.claimName), ns)) {
        problems.push(`${where}: PersistentVolumeClaim '${v.persistentVolumeClaim.claimName}' does not exist`);
      }
    }
    for (const c of containersOf(pod)) {
      const cw = `${where} container ${c.name}`;
      for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
        if (isObject(m) && !volumes.has(String(m.name))) problems.push(`${cw}: mounts undefined volume '${m.name}'`);
      }
      for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
        if (!isObject(e)) continue;
        if (isObject(e.configMapRef)) keyExists('ConfigMap', String(e.configMapRef.name), ns, undefined, cw);
        if (isObject(e.secretRef)) keyExists('Secret', String(e.secretRef.name), ns, undefined, cw);
      }
      for (const e of Array.isArray(c.env) ? c.env : []) {
        if (!isObject(e) || !isObject(e.valueFrom)) continue;
        const vf = e.valueFrom;
        if (isObject(vf.configMapKeyRef)) keyExists('ConfigMap', String(vf.configMapKeyRef.name), ns, String(vf.configMapKeyRef.key), `${cw} env ${e.name}`);
        if (isObject(vf.secretKeyRef)) keyExists('Secret', String(vf.secretKeyRef.name), ns, String(vf.secretKeyRef.key), `${cw} env ${e.name}`);
      }
      const portNames = new Set((Array.isArray(c.ports) ? c.ports : []).map((p) => (isObject(p) ? p.name : undefined)));
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const p = c[probe];
        const port = isObject(p) ? (isObject(p.httpGet) ? p.httpGet.port : isObject(p.tcpSocket) ? p.tcpSocket.port : undefined) : undefined;
        if (typeof port === 'string' && !portNames.has(port)) problems.push(`${cw}: ${probe} uses undefined port '${port}'`);
      }
    }
    if (w.kind === 'StatefulSet') {
      const svc = find(objs, 'Service', String(spec.serviceName), ns);
      if (!svc) problems.push(`${where}: serviceName '${spec.serviceName}' does not exist`);
      else if ((svc.spec as JsonObject).clusterIP !== 'None') problems.push(`${where}: serviceName '${spec.serviceName}' is not headless`);
    }
  }

  for (const ing of objs.filter((o) => o.kind === 'Ingress')) {
    const spec = ing.spec as JsonObject;
    for (const tls of Array.isArray(spec.tls) ? spec.tls : []) {
      if (isObject(tls) && typeof tls.secretName === 'string') keyExists('Secret', tls.secretName, ing.metadata.namespace, undefined, `Ingress/${ing.metadata.name}`);
    }
    for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
      const paths = isObject(rule) && isObject(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      for (const p of paths) {
        const svcRef = isObject(p) && isObject(p.backend) && isObject(p.backend.service) ? p.backend.service : undefined;
        if (!svcRef) continue;
        const svc = find(objs, 'Service', String(svcRef.name), ing.metadata.namespace);
        if (!svc) {
          problems.push(`Ingress/${ing.metadata.name}: Service '${svcRef.name}' does not exist`);
          continue;
        }
        const port = isObject(svcRef.port) ? (svcRef.port.name ?? svcRef.port.number) : undefined;
        if (!servicePorts(svc).some((sp) => sp.name === port || sp.port === port)) problems.push(`Ingress/${ing.metadata.name}: Service '${svcRef.name}' has no port '${port}'`);
      }
    }
  }

  for (const hpa of objs.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = (hpa.spec as JsonObject).scaleTargetRef as JsonObject;
    const target = find(objs, String(ref.kind), String(ref.name), hpa.metadata.namespace);
    if (!target || target.apiVersion !== ref.apiVersion) problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: target ${ref.kind}/${ref.name} does not exist`);
    else if (podSpec(target) && containersOf(podSpec(target)!, false).some((c) => !isObject(c.resources) || !isObject(c.resources.requests) || c.resources.requests.cpu === undefined)) {
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: target has a container without a CPU request (utilisation undefined)`);
    }
  }
  return problems;
}

function servicePorts(svc: K8sObject): JsonObject[] {
  const spec = svc.spec as JsonObject;
  return (Array.isArray(spec.ports) ? spec.ports : []).filter(isObject);
}

/** Selectors select what they should: workload selector ⊆ its template labels; Services, PDBs and NetworkPolicies select ≥ 1 workload. */
export function checkSelectors(objs: K8sObject[]): string[] {
  const problems: string[] = [];
  const ws = workloads(objs);
  const selected = (sel: Record<string, string>, ns: string | undefined): K8sObject[] =>
    ws.filter((w) => w.metadata.namespace === ns && labelsMatch(sel, podTemplateLabels(w)));
  for (const w of ws) {
    if (w.kind === 'Job') continue;
    const sel = matchLabels((w.spec as JsonObject).selector);
    if (!sel || Object.keys(sel).length === 0) problems.push(`${w.kind}/${w.metadata.name}: empty selector`);
    else if (!labelsMatch(sel, podTemplateLabels(w))) problems.push(`${w.kind}/${w.metadata.name}: selector does not match its pod template labels`);
    else {
      const others = selected(sel, w.metadata.namespace).filter((x) => x !== w && x.kind !== 'Job');
      if (others.length > 0) problems.push(`${w.kind}/${w.metadata.name}: selector also selects ${others.map((o) => o.metadata.name).join(', ')}`);
    }
  }
  for (const svc of objs.filter((o) => o.kind === 'Service')) {
    const sel = (svc.spec as JsonObject).selector;
    if (!isObject(sel)) continue;
    const targets = selected(sel as Record<string, string>, svc.metadata.namespace);
    if (targets.length === 0) {
      problems.push(`Service/${svc.metadata.name}: selector matches no pod template`);
      continue;
    }
    for (const sp of servicePorts(svc)) {
      const tp = sp.targetPort ?? sp.port;
      const ok = targets.every((t) => containersOf(podSpec(t)!, false).some((c) => (Array.isArray(c.ports) ? c.ports : []).some((p) => isObject(p) && (p.name === tp || p.containerPort === tp))));
      if (!ok) problems.push(`Service/${svc.metadata.name}: targetPort '${tp}' is not a container port of the selected pods`);
    }
  }
  for (const pdb of objs.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const sel = matchLabels((pdb.spec as JsonObject).selector) ?? {};
    if (selected(sel, pdb.metadata.namespace).length === 0) problems.push(`PodDisruptionBudget/${pdb.metadata.name}: selector matches no workload`);
  }
  for (const np of objs.filter((o) => o.kind === 'NetworkPolicy')) {
    const spec = np.spec as JsonObject;
    const sel = matchLabels(spec.podSelector) ?? {};
    if (Object.keys(sel).length > 0 && selected(sel, np.metadata.namespace).length === 0) problems.push(`NetworkPolicy/${np.metadata.name}: podSelector matches no workload`);
    for (const dir of ['ingress', 'egress'] as const) {
      for (const rule of Array.isArray(spec[dir]) ? spec[dir] : []) {
        const peers = isObject(rule) ? (dir === 'ingress' ? rule.from : rule.to) : undefined;
        for (const peer of Array.isArray(peers) ? peers : []) {
          if (!isObject(peer) || peer.namespaceSelector !== undefined) continue;
          const ps = matchLabels(peer.podSelector);
          if (ps && selected(ps, np.metadata.namespace).length === 0) problems.push(`NetworkPolicy/${np.metadata.name}: ${dir} peer ${JSON.stringify(ps)} matches no workload`);
        }
      }
    }
  }
  return problems;
}

/** TPS workloads: probes on /health, resources, and the "restricted" Pod Security Standard. */
export function checkWorkloadHardening(objs: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const w of workloads(objs)) {
    const pod = podSpec(w)!;
    const where = `${w.kind}/${w.metadata.name}`;
    const psc = isObject(pod.securityContext) ? pod.securityContext : {};
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${where}: uses host namespaces`);
    const seccompPod = isObject(psc.seccompProfile) ? psc.seccompProfile.type : undefined;
    for (const c of containersOf(pod)) {
      const cw = `${where} container ${c.name}`;
      const sc = isObject(c.securityContext) ? c.securityContext : {};
      if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) problems.push(`${cw}: runAsNonRoot is not true`);
      if ((sc.runAsUser ?? psc.runAsUser) === 0) problems.push(`${cw}: runs as uid 0`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${cw}: allowPrivilegeEscalation is not false`);
      if (sc.privileged === true) problems.push(`${cw}: privileged`);
      const drop = isObject(sc.capabilities) && Array.isArray(sc.capabilities.drop) ? sc.capabilities.drop : [];
      if (!drop.includes('ALL')) problems.push(`${cw}: capabilities.drop lacks ALL`);
      const add = isObject(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
      if (add.some((a) => a !== 'NET_BIND_SERVICE')) problems.push(`${cw}: adds capabilities`);
      const seccomp = isObject(sc.seccompProfile) ? sc.seccompProfile.type : seccompPod;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${cw}: seccompProfile is not RuntimeDefault`);
      const res = isObject(c.resources) ? c.resources : {};
      if (!isObject(res.requests) || res.requests.cpu === undefined || res.requests.memory === undefined) problems.push(`${cw}: no cpu/memory requests`);
      if (!isObject(res.limits) || res.limits.memory === undefined) problems.push(`${cw}: no memory limit`);
    }
    const isTps = containersOf(pod, false).some((c) => Array.isArray(c.args) && c.args[0] === 'serve');
    if (isTps) {
      for (const c of containersOf(pod, false)) {
        for (const probe of ['readinessProbe', 'livenessProbe']) {
          const p = c[probe];
          if (!isObject(p) || !isObject(p.httpGet) || p.httpGet.path !== '/health') problems.push(`${where} container ${c.name}: ${probe} is not GET /health`);
        }
        const sc = isObject(c.securityContext) ? c.securityContext : {};
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${where} container ${c.name}: root filesystem is writable`);
      }
    } else if (w.kind !== 'Job') {
      for (const c of containersOf(pod, false)) {
        if (!isObject(c.readinessProbe) || !isObject(c.livenessProbe)) problems.push(`${where} container ${c.name}: readiness/liveness probe missing`);
      }
    }
  }
  return problems;
}

// --- NetworkPolicy reachability (F1) -----------------------------------------------------------

export interface Peer {
  /** Workload name, or `ns:<namespace>` for traffic from/to another namespace. */
  name: string;
  labels: Record<string, string>;
  namespace: string | undefined;
}

/**
 * Whether a TCP connection from `src` to `dst` on `port` is allowed by the NetworkPolicies,
 * with Kubernetes semantics: a pod selected by any policy of a direction is isolated in that
 * direction and accepts only what some selecting policy allows; both the source's egress and the
 * destination's ingress must allow the connection (for peers in the same namespace).
 */
export function isAllowed(objs: K8sObject[], src: Peer, dst: Peer, port: number, protocol = 'TCP'): boolean {
  const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
  const nsLabels = (ns: string | undefined): Record<string, string> => ({ 'kubernetes.io/metadata.name': ns ?? '' });
  const side = (self: Peer, other: Peer, dir: 'ingress' | 'egress'): boolean => {
    if (self.name.startsWith('ns:')) return true; // outside the namespace: not governed by these policies
    const applying = policies.filter((p) => {
      const spec = p.spec as JsonObject;
      const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : ['Ingress'];
      return p.metadata.namespace === self.namespace && types.includes(dir === 'ingress' ? 'Ingress' : 'Egress') && labelsMatch(matchLabels(spec.podSelector) ?? {}, self.labels);
    });
    if (applying.length === 0) return true;
    return applying.some((p) => {
      const rules = (p.spec as JsonObject)[dir];
      return (Array.isArray(rules) ? rules : []).some((rule) => {
        if (!isObject(rule)) return false;
        const peers = dir === 'ingress' ? rule.from : rule.to;
        const ports = rule.ports;
        const portOk = !Array.isArray(ports) || ports.length === 0 || ports.some((pp) => isObject(pp) && (pp.protocol ?? 'TCP') === protocol && (pp.port === undefined || pp.port === port));
        if (!portOk) return false;
        if (!Array.isArray(peers) || peers.length === 0) return true;
        return peers.some((peer) => {
          if (!isObject(peer)) return false;
          if (peer.ipBlock !== undefined) return false; // no ipBlock in these manifests
          const nsSel = matchLabels(peer.namespaceSelector);
          const podSel = matchLabels(peer.podSelector);
          const otherNs = other.name.startsWith('ns:') ? other.name.slice(3) : other.namespace;
          const nsOk = nsSel === undefined ? otherNs === self.namespace : labelsMatch(nsSel, nsLabels(otherNs));
          const podOk = podSel === undefined || labelsMatch(podSel, other.labels);
          return nsOk && podOk;
        });
      });
    });
  };
  return side(src, dst, 'egress') && side(dst, src, 'ingress');
}

export function peersOf(objs: K8sObject[]): Map<string, Peer> {
  const peers = new Map<string, Peer>();
  for (const w of workloads(objs)) peers.set(w.metadata.name, { name: w.metadata.name, labels: podTemplateLabels(w), namespace: w.metadata.namespace });
  return peers;
}

export const externalNamespace = (ns: string, labels: Record<string, string> = {}): Peer => ({ name: `ns:${ns}`, labels, namespace: ns });
