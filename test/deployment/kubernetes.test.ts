// NF2: every module deployable with Kubernetes — manifests rendered and validated offline
// (no cluster, no kubectl/kustomize binary): kustomize overlays rendered by ./kustomize.ts,
// objects validated against the Kubernetes schemas (kubernetes-models), references resolved.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReferences, checkSelectors, checkWorkloadHardening, workloads } from './k8s-checks.js';
import { validateObject } from './k8s-schema.js';
import { containersOf, podSpec, renderKustomization, strategicMerge, type K8sObject } from './kustomize.js';
import { isObject, platformEnvironmentVariables, readYamlDocuments, repoPath, type JsonObject } from './repo.js';

const overlays = readdirSync(repoPath('kubernetes', 'overlays'));
const render = (overlay: string): K8sObject[] => renderKustomization(repoPath('kubernetes', 'overlays', overlay));
const get = (objs: K8sObject[], kind: string, name: string): K8sObject => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} not rendered`);
  return o;
};
const clone = (objs: K8sObject[]): K8sObject[] => structuredClone(objs);
const COMPONENTS = { directory: 8700, core: 8701, agr: 8702, dso: 8703 } as const;

describe('NF2: Kubernetes manifests (kubernetes/)', () => {
  it('NF2: there are dev and production overlays and every YAML file in kubernetes/ parses', () => {
    expect(overlays.sort()).to.deep.equal(['dev', 'production']);
    const files = readdirSync(repoPath('kubernetes'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).to.be.greaterThan(10);
    for (const f of files) expect(() => readYamlDocuments(repoPath('kubernetes', f)), f).not.to.throw();
  });

  for (const overlay of ['dev', 'production']) {
    describe(`overlay ${overlay}`, () => {
      const objs = render(overlay);

      it(`NF2: renders, and every object validates against the Kubernetes schema with no unknown field`, () => {
        expect(objs.length).to.be.greaterThan(40);
        expect(objs.flatMap(validateObject)).to.deep.equal([]);
      });

      it('NF2: every referenced ConfigMap (and key), Secret (and key), PVC, ServiceAccount, Service and port exists', () => {
        expect(checkReferences(objs)).to.deep.equal([]);
      });

      it('NF2: labels and selectors match (workloads, Services, PDBs, NetworkPolicies)', () => {
        expect(checkSelectors(objs)).to.deep.equal([]);
      });

      it('NF2: every workload runs non-root under the restricted Pod Security Standard, with resources and probes on /health', () => {
        expect(checkWorkloadHardening(objs)).to.deep.equal([]);
        const ns = objs.filter((o) => o.kind === 'Namespace');
        expect(ns).to.have.length(1);
        expect(((ns[0]!.metadata as JsonObject).labels as JsonObject)['pod-security.kubernetes.io/enforce']).to.equal('restricted');
        for (const o of objs) if (o.kind !== 'Namespace') expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).to.equal(ns[0]!.metadata.name);
      });

      it('NF2: Deployments for directory, core and endpoints, each with Service, PDB and keystore volume at TPS_DATA_DIR', () => {
        for (const [c, port] of Object.entries(COMPONENTS)) {
          const d = get(objs, 'Deployment', `tps-${c}`);
          const container = containersOf(podSpec(d)!, false)[0]!;
          expect(container.args, c).to.deep.equal(['serve', c]);
          expect(container.ports, c).to.deep.equal([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
          expect((container.volumeMounts as JsonObject[]).find((m) => m.mountPath === '/data'), c).to.not.equal(undefined);
          const svc = get(objs, 'Service', `tps-${c}`);
          expect(((svc.spec as JsonObject).ports as JsonObject[])[0]!.port, c).to.equal(port);
          expect(get(objs, 'PodDisruptionBudget', `tps-${c}`)).to.be.an('object');
        }
        const cfg = get(objs, 'ConfigMap', 'tps-config').data as JsonObject;
        expect(cfg.TPS_DATA_DIR).to.equal('/data');
        for (const [c, port] of Object.entries(COMPONENTS)) expect(cfg[`TPS_${c.toUpperCase()}_PORT`]).to.equal(String(port));
      });

      it('NF2: HorizontalPodAutoscalers scale the endpoints (and only them)', () => {
        const hpas = objs.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => ((o.spec as JsonObject).scaleTargetRef as JsonObject).name);
        expect(hpas.sort()).to.deep.equal(['tps-agr', 'tps-dso']);
      });

      it('NF2: ConfigMaps and Secrets carry only platform environment variables; URLs point at defined Services', () => {
        const known = platformEnvironmentVariables();
        const envSources = new Set<string>();
        for (const w of workloads(objs)) {
          for (const c of containersOf(podSpec(w)!, false)) {
            const isTps = String(c.image).includes('tps');
            for (const e of (c.envFrom ?? []) as JsonObject[]) {
              const name = String(((e.configMapRef ?? e.secretRef) as JsonObject).name);
              if (isTps) envSources.add(name);
            }
            if (isTps) for (const e of (c.env ?? []) as JsonObject[]) expect(known.has(String(e.name)), `${w.metadata.name}: env ${e.name}`).to.equal(true);
          }
        }
        expect(envSources.size).to.be.greaterThan(4);
        for (const o of objs.filter((x) => (x.kind === 'ConfigMap' || x.kind === 'Secret') && envSources.has(x.metadata.name))) {
          const data = { ...((o.data ?? {}) as JsonObject), ...((o.stringData ?? {}) as JsonObject) };
          for (const [key, value] of Object.entries(data)) {
            expect(known.has(key), `${o.kind}/${o.metadata.name} key ${key} is not a platform variable`).to.equal(true);
            if (typeof value === 'string' && /^[a-z]+:\/\//.test(value)) {
              const url = new URL(value);
              const svc = objs.find((s) => s.kind === 'Service' && s.metadata.name === url.hostname);
              expect(svc, `${key} host ${url.hostname}`).to.not.equal(undefined);
              expect(((svc!.spec as JsonObject).ports as JsonObject[]).some((p) => p.port === Number(url.port)), `${key} port ${url.port}`).to.equal(true);
            }
          }
        }
        const autoApprove = JSON.stringify(objs).includes('TPS_DIRECTORY_AUTO_APPROVE');
        expect(autoApprove, 'no auto-approval in a cluster').to.equal(false);
      });

      it('NF2: the Ingress exposes the AGR and DSO REST facades and the GUI — not the directory', () => {
        const ing = get(objs, 'Ingress', 'tps');
        const backends = ((ing.spec as JsonObject).rules as JsonObject[]).map((r) => (((r.http as JsonObject).paths as JsonObject[])[0]!.backend as JsonObject).service as JsonObject);
        expect(backends.map((b) => b.name).sort()).to.deep.equal(['tps-agr', 'tps-core', 'tps-dso']);
        const timeout = Number(((ing.metadata as JsonObject).annotations as JsonObject)['nginx.ingress.kubernetes.io/proxy-read-timeout']);
        expect(timeout, 'proxy timeout outlasts the longest long poll').to.be.greaterThan(Number((get(objs, 'ConfigMap', 'tps-config').data as JsonObject).TPS_LONG_POLL_MAX_SECONDS));
      });

      it('NF2: the approval Job takes the admin token from a Secret', () => {
        const job = get(objs, 'Job', 'tps-approve-components');
        const env = containersOf(podSpec(job)!, false)[0]!.env as JsonObject[];
        const token = env.find((e) => e.name === 'TPS_ADMIN_TOKEN')!;
        expect(((token.valueFrom as JsonObject).secretKeyRef as JsonObject).name).to.equal('tps-admin');
      });
    });
  }

  describe('production specifics', () => {
    const objs = render('production');

    it('NF2: RabbitMQ is a 3-node StatefulSet cluster with quorum queues by default and a PDB keeping the majority', () => {
      const sts = get(objs, 'StatefulSet', 'tps-rabbitmq');
      expect((sts.spec as JsonObject).replicas).to.equal(3);
      const conf = String((get(objs, 'ConfigMap', 'tps-rabbitmq-config').data as JsonObject)['rabbitmq.conf']);
      expect(conf).to.match(/^default_queue_type = quorum$/m);
      expect(conf).to.match(/^cluster_formation\.peer_discovery_backend = rabbit_peer_discovery_k8s$/m);
      expect((get(objs, 'PodDisruptionBudget', 'tps-rabbitmq').spec as JsonObject).maxUnavailable).to.equal(1);
      const affinity = ((((sts.spec as JsonObject).template as JsonObject).spec as JsonObject).affinity as JsonObject).podAntiAffinity as JsonObject;
      expect(affinity.requiredDuringSchedulingIgnoredDuringExecution, 'one node per machine').to.be.an('array');
      expect(affinity.preferredDuringSchedulingIgnoredDuringExecution, 'base rule kept by the merge').to.be.an('array');
    });

    it('NF2: PostgreSQL is a StatefulSet service whose init script equals the Docker one', () => {
      expect(get(objs, 'StatefulSet', 'tps-postgres')).to.be.an('object');
      const k8sScript = (get(objs, 'ConfigMap', 'tps-postgres-init').data as JsonObject)['init-databases.sh'];
      expect(k8sScript).to.equal(readFileSync(repoPath('docker', 'postgres', 'init-databases.sh'), 'utf8'));
    });

    it('NF2: the image comes from the registry with a pinned tag; the patches took effect', () => {
      for (const c of Object.keys(COMPONENTS)) {
        expect(containersOf(podSpec(get(objs, 'Deployment', `tps-${c}`))!, false)[0]!.image).to.equal('registry.example.com/tps/tps:0.1.0');
      }
      expect((get(objs, 'Deployment', 'tps-core').spec as JsonObject).replicas).to.equal(3);
      expect((get(objs, 'HorizontalPodAutoscaler', 'tps-agr').spec as JsonObject).maxReplicas).to.equal(20);
      const core = containersOf(podSpec(get(objs, 'Deployment', 'tps-core'))!, false)[0]!;
      expect(((core.resources as JsonObject).requests as JsonObject).cpu).to.equal('500m');
      expect(core.readinessProbe, 'merge by container name keeps the base fields').to.be.an('object');
    });

    it('NF2: dev renders a single-replica variant with ReadWriteOnce keystores', () => {
      const dev = render('dev');
      for (const c of Object.keys(COMPONENTS)) {
        expect((get(dev, 'Deployment', `tps-${c}`).spec as JsonObject).replicas, c).to.equal(1);
        expect((get(dev, 'PersistentVolumeClaim', `tps-${c}-data`).spec as JsonObject).accessModes, c).to.deep.equal(['ReadWriteOnce']);
      }
      expect((get(dev, 'StatefulSet', 'tps-rabbitmq').spec as JsonObject).replicas).to.equal(1);
      expect(containersOf(podSpec(get(dev, 'Deployment', 'tps-core'))!, false)[0]!.image).to.equal('tps:dev');
      // base stays multi-replica (RWX keystores shared by replicas of one component)
      expect((get(objs, 'PersistentVolumeClaim', 'tps-agr-data').spec as JsonObject).accessModes).to.deep.equal(['ReadWriteMany']);
    });
  });

  describe('the checkers catch broken manifests (mutations)', () => {
    const objs = render('production');

    it('NF2: schema validation rejects a wrong type, a misspelt field and an unknown kind', () => {
      const a = clone(objs);
      (get(a, 'Deployment', 'tps-agr').spec as JsonObject).replicas = 'two';
      const c0 = containersOf(podSpec(get(a, 'Deployment', 'tps-dso'))!, false)[0]!;
      c0.readinesProbe = c0.readinessProbe!;
      a.push({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } });
      const problems = a.flatMap(validateObject).join('\n');
      expect(problems).to.contain('Deployment/tps-agr: data/spec/replicas must be integer');
      expect(problems).to.contain('Deployment/tps-dso: unknown field spec.template.spec.containers[0].readinesProbe');
      expect(problems).to.contain('no schema for apps/v1/Deploymnet');
    });

    it('NF2: the reference check catches a missing Secret, Secret key, ConfigMap, PVC and Service', () => {
      const a = clone(objs);
      const agr = containersOf(podSpec(get(a, 'Deployment', 'tps-agr'))!, false)[0]!;
      ((agr.envFrom as JsonObject[])[1]!.secretRef as JsonObject).name = 'tps-agr-secret';
      const dir = containersOf(podSpec(get(a, 'Deployment', 'tps-directory'))!, false)[0]!;
      (((dir.env as JsonObject[])[0]!.valueFrom as JsonObject).secretKeyRef as JsonObject).key = 'ADMIN_TOKEN';
      ((podSpec(get(a, 'StatefulSet', 'tps-rabbitmq'))!.volumes as JsonObject[])[0]!.configMap as JsonObject).name = 'rabbitmq-config';
      ((podSpec(get(a, 'Deployment', 'tps-dso'))!.volumes as JsonObject[])[0]!.persistentVolumeClaim as JsonObject).claimName = 'dso-data';
      ((((get(a, 'Ingress', 'tps').spec as JsonObject).rules as JsonObject[])[0]!.http as JsonObject).paths as JsonObject[])[0]!.backend = { service: { name: 'agr', port: { name: 'http' } } };
      const problems = checkReferences(a).join('\n');
      expect(problems).to.contain("Secret 'tps-agr-secret' does not exist");
      expect(problems).to.contain("Secret 'tps-admin' has no key 'ADMIN_TOKEN'");
      expect(problems).to.contain("ConfigMap 'rabbitmq-config' does not exist");
      expect(problems).to.contain("PersistentVolumeClaim 'dso-data' does not exist");
      expect(problems).to.contain("Service 'agr' does not exist");
    });

    it('NF2: the selector check catches a Service, PDB and Deployment selecting the wrong pods', () => {
      const a = clone(objs);
      ((get(a, 'Service', 'tps-core').spec as JsonObject).selector as JsonObject)['app.kubernetes.io/name'] = 'tps-cor';
      ((get(a, 'PodDisruptionBudget', 'tps-dso').spec as JsonObject).selector as JsonObject).matchLabels = { 'app.kubernetes.io/name': 'dso' };
      (((get(a, 'Deployment', 'tps-agr').spec as JsonObject).selector as JsonObject).matchLabels as JsonObject)['app.kubernetes.io/name'] = 'tps-ag';
      (((get(a, 'Service', 'tps-directory').spec as JsonObject).ports as JsonObject[])[0]!).targetPort = 'web';
      const problems = checkSelectors(a).join('\n');
      expect(problems).to.contain('Service/tps-core: selector matches no pod template');
      expect(problems).to.contain('PodDisruptionBudget/tps-dso: selector matches no workload');
      expect(problems).to.contain('Deployment/tps-agr: selector does not match its pod template labels');
      expect(problems).to.contain("Service/tps-directory: targetPort 'web'");
    });

    it('NF2: the hardening check catches root, privilege escalation, missing probes and resources', () => {
      const a = clone(objs);
      const pod = podSpec(get(a, 'Deployment', 'tps-core'))!;
      (pod.securityContext as JsonObject).runAsNonRoot = false;
      const c = containersOf(pod, false)[0]!;
      (c.securityContext as JsonObject).runAsNonRoot = false;
      (c.securityContext as JsonObject).allowPrivilegeEscalation = true;
      delete c.livenessProbe;
      delete c.resources;
      const problems = checkWorkloadHardening(a).join('\n');
      for (const p of ['runAsNonRoot is not true', 'allowPrivilegeEscalation is not false', 'livenessProbe is not GET /health', 'no cpu/memory requests']) expect(problems).to.contain(p);
    });

    it('NF2: the kustomize renderer refuses features it cannot render and merges containers by name', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tps-kustomize-'));
      try {
        writeFileSync(join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels: { a: b }\n');
        expect(() => renderKustomization(dir)).to.throw("field 'commonLabels' is not supported");
        writeFileSync(join(dir, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [${JSON.stringify(repoPath('kubernetes', 'base'))}]\npatches: [{ path: p.yaml }]\n`);
        writeFileSync(join(dir, 'p.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: tps-agrr }\n');
        expect(() => renderKustomization(dir)).to.throw('patch target apps/Deployment/tps-agrr not found');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const merged = strategicMerge(
        { containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] }, { name: 'b' }], list: [1, 2] },
        { containers: [{ name: 'a', env: [{ name: 'B', value: '2' }] }], list: [3] },
      ) as JsonObject;
      expect(merged).to.deep.equal({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }, { name: 'b' }], list: [3] });
      expect(() => strategicMerge({}, { $patch: 'delete' })).to.throw('not supported');
      expect(isObject(merged)).to.equal(true);
    });
  });
});
