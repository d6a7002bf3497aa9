// Registry of private servers started for a test run; filled by the harness modules.
type Stoppable = { stop(): Promise<void> };
const running = new Set<Stoppable>();

export function trackServer(server: Stoppable): void {
  running.add(server);
}

export function untrackServer(server: Stoppable): void {
  running.delete(server);
}

export async function stopAllServers(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.allSettled(all.map((s) => s.stop()));
}
