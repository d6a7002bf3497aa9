// F1: AGR/BRP and DSO never talk directly — everything passes through the platform. On
// Kubernetes this is enforced by NetworkPolicies (default deny + explicit allows); this test
// computes, with Kubernetes semantics, which connections the rendered policies allow.
import { expect } from 'chai';
import { externalNamespace, isAllowed, peersOf, type Peer } from './k8s-checks.js';
import { renderKustomization, type K8sObject } from './kustomize.js';
import { repoPath, type JsonObject } from './repo.js';

const PORTS = { directory: 8700, core: 8701, agr: 8702, dso: 8703, rabbitmq: 5672, postgres: 5432 } as const;
const ALL_PORTS = [8700, 8701, 8702, 8703, 5672, 15672, 15692, 4369, 25672, 5432, 53, 80, 443];

for (const overlay of ['dev', 'production']) {
  describe(`F1: network policies (overlay ${overlay})`, () => {
    const objs = renderKustomization(repoPath('kubernetes', 'overlays', overlay));
    const peers = peersOf(objs);
    const p = (name: string): Peer => {
      const peer = peers.get(`tps-${name}`);
      if (!peer) throw new Error(`no workload tps-${name}`);
      return peer;
    };
    const ingressController = externalNamespace('ingress-nginx');
    const monitoring = externalNamespace('monitoring');
    const dns = externalNamespace('kube-system', { 'k8s-app': 'kube-dns' });
    const internet = externalNamespace('elsewhere');

    /** Every (source, destination, port) the policies allow, among the namespace's workloads and a few outsiders. */
    const allowedFlows = (o: K8sObject[]): Set<string> => {
      const ps = [...peersOf(o).values()];
      const out = new Set<string>();
      for (const src of [...ps, ingressController, monitoring, internet]) {
        for (const dst of [...ps, dns, internet]) {
          if (src === dst || (src.name.startsWith('ns:') && dst.name.startsWith('ns:'))) continue; // outside ↔ outside: not ours
          for (const port of ALL_PORTS) if (isAllowed(o, src, dst, port)) out.add(`${src.name} -> ${dst.name}:${port}`);
        }
      }
      return out;
    };

    it('F1: no AGR↔DSO network path, on any port, in either direction', () => {
      for (const port of ALL_PORTS) {
        expect(isAllowed(objs, p('agr'), p('dso'), port), `agr -> dso:${port}`).to.equal(false);
        expect(isAllowed(objs, p('dso'), p('agr'), port), `dso -> agr:${port}`).to.equal(false);
      }
    });

    it('F1: exactly the intended flows are allowed (default deny, explicit allows)', () => {
      const expected = new Set<string>();
      const add = (src: string, dst: string, port: number): void => void expected.add(`${src} -> ${dst}:${port}`);
      for (const c of ['tps-core', 'tps-agr', 'tps-dso', 'tps-approve-components']) add(c, 'tps-directory', PORTS.directory); // all ↔ directory
      for (const c of ['tps-core', 'tps-agr', 'tps-dso']) add(c, 'tps-rabbitmq', PORTS.rabbitmq); // endpoints/core ↔ RabbitMQ
      for (const c of ['tps-directory', 'tps-core', 'tps-agr', 'tps-dso']) add(c, 'tps-postgres', PORTS.postgres);
      for (const [c, port] of [['tps-core', 8701], ['tps-agr', 8702], ['tps-dso', 8703]] as const) add('ns:ingress-nginx', c, port); // REST facades + GUI
      for (const [c, port] of [['tps-directory', 8700], ['tps-core', 8701], ['tps-agr', 8702], ['tps-dso', 8703], ['tps-rabbitmq', 15692]] as const) add('ns:monitoring', c, port);
      for (const w of peers.values()) add(w.name, 'ns:kube-system', 53); // DNS, from every pod
      // (RabbitMQ node ↔ node clustering is checked in the next test: same workload on both ends)
      expect([...allowedFlows(objs)].sort()).to.deep.equal([...expected].sort());
      for (const w of peers.values()) expect(isAllowed(objs, w, dns, 53), `${w.name} resolves names`).to.equal(true);
    });

    it('F1: RabbitMQ nodes reach each other for clustering (epmd, distribution, AMQP)', () => {
      const rabbit = p('rabbitmq');
      for (const port of [4369, 25672, 5672]) expect(isAllowed(objs, rabbit, { ...rabbit, name: 'tps-rabbitmq-peer' }, port), `port ${port}`).to.equal(true);
      expect(isAllowed(objs, rabbit, internet, 443), 'no egress outside the cluster').to.equal(false);
    });

    it('F1: the check detects a policy that would open an AGR→DSO path (mutation)', () => {
      const mutated = structuredClone(objs);
      const agrPolicy = mutated.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'tps-agr')!;
      const dsoPolicy = mutated.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'tps-dso')!;
      ((agrPolicy.spec as JsonObject).egress as JsonObject[]).push({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'tps-dso' } } }] });
      expect(isAllowed(mutated, p('agr'), p('dso'), 8703), 'egress alone is not enough').to.equal(false);
      ((dsoPolicy.spec as JsonObject).ingress as JsonObject[]).push({ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 8703 }] });
      expect(isAllowed(mutated, p('agr'), p('dso'), 8703)).to.equal(true);
      expect(allowedFlows(mutated).has('tps-agr -> tps-dso:8703')).to.equal(true);
      // and without the default-deny baseline, an unselected pod would be open to everyone
      const noPolicies = mutated.filter((o) => o.kind !== 'NetworkPolicy');
      expect(isAllowed(noPolicies, p('agr'), p('dso'), 8703)).to.equal(true);
    });
  });
}
