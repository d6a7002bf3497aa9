// A private RabbitMQ cluster for fault tests (quorum queues): n nodes on loopback sharing one
// HOME (one Erlang cookie), nodes 2..n joined to the first with stop_app, reset, join_cluster,
// start_app. Recipe and timings: ../shared/design/TEST-SERVERS.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RabbitNode } from './rabbitmq.js';

export interface RabbitCluster {
  nodes: RabbitNode[];
  /** AMQP URLs of the nodes, in node order. */
  urls: string[];
  /** Names of the nodes currently running in the cluster, as seen by `via` (default: first running node). */
  runningNodes(via?: RabbitNode): Promise<string[]>;
  /** Kills every node (the data is thrown away) and removes the shared HOME. */
  stop(): Promise<void>;
}

/** Starts `size` nodes and clusters them; on failure stops whatever was started. */
export async function startRabbitCluster(size = 3): Promise<RabbitCluster> {
  const home = mkdtempSync(join(tmpdir(), 'tps-rabbit-cluster-'));
  // Written before any node starts, so parallel boots do not race to create different cookies.
  writeFileSync(join(home, '.erlang.cookie'), randomBytes(20).toString('hex').toUpperCase(), { mode: 0o400 });
  const tag = `tpsc${process.pid}${randomBytes(3).toString('hex')}`;
  const nodes = Array.from({ length: size }, (_, i) => new RabbitNode({ home, name: `${tag}n${i + 1}` }));
  const stop = async () => {
    // Killed, not stopped one by one: a graceful stop of every member at once makes quorum queues
    // lose their majority and wait for it, and the data is thrown away anyway.
    await Promise.allSettled(nodes.map((n) => n.kill()));
    await Promise.allSettled(nodes.map((n) => n.stop()));
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((n) => n.start()));
    const first = nodes[0]!;
    for (const n of nodes.slice(1)) {
      await n.ctl(['stop_app']);
      await n.ctl(['reset']);
      await n.ctl(['join_cluster', first.nodeName]);
      await n.ctl(['start_app']);
      await n.ctl(['await_startup', '--timeout', '60'], 70_000);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const cluster: RabbitCluster = {
    nodes,
    urls: nodes.map((n) => n.url),
    async runningNodes(via) {
      const node = via ?? nodes[0]!;
      const status = JSON.parse(await node.ctl(['cluster_status', '--formatter', 'json'])) as { running_nodes?: string[] };
      return status.running_nodes ?? [];
    },
    stop,
  };
  const running = await cluster.runningNodes();
  if (running.length !== size) {
    await stop();
    throw new Error(`RabbitMQ cluster formed with ${running.length} of ${size} nodes running: ${running.join(', ')}`);
  }
  return cluster;
}
