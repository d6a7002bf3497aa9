// Graceful shutdown on SIGINT/SIGTERM: close components in reverse start order, once.
export function onShutdown(close: () => Promise<void>, log: (msg: string) => void = (m) => process.stderr.write(m + '\n')): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log(`${signal} received: stopping…`);
    const force = setTimeout(() => {
      log('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`error while stopping: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
