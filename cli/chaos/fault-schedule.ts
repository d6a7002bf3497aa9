// The seeded fault schedule (issue 13): core SIGKILLs, an AGR endpoint SIGKILL, a RabbitMQ restart
// and a PostgreSQL restart, each at a random point of the load (a seeded fraction of the accepted
// documents, between 5 % and 60 %, plus a seeded delay of up to half a second). Faults run one
// after the other; each waits until the process or server it hit is back.
import type { ChaosPlatform } from './platform-processes.js';
import type { Random } from './seeded-random.js';

export type FaultKind = 'core-sigkill' | 'agr-sigkill' | 'rabbitmq-restart' | 'postgresql-restart';

export interface PlannedFault {
  kind: FaultKind;
  /** Accepted load documents at which it fires. */
  atAccepted: number;
  delayMs: number;
}

export interface ExecutedFault extends PlannedFault {
  startedAt: string;
  /** Accepted documents when it actually fired (the load keeps going meanwhile). */
  acceptedAtFault: number;
  /** Until the component or server was back (ready). */
  recoveryMs: number;
  /** False when the load had finished before its moment came. */
  duringLoad: boolean;
  error?: string;
}

export function planFaults(counts: Record<FaultKind, number>, messages: number, random: Random): PlannedFault[] {
  const kinds = (Object.entries(counts) as Array<[FaultKind, number]>).flatMap(([k, n]) => Array.from({ length: n }, () => k));
  return kinds
    .map((kind) => ({ kind, atAccepted: Math.floor(messages * (0.05 + 0.55 * random())), delayMs: Math.floor(random() * 500) }))
    .sort((a, b) => a.atAccepted - b.atAccepted);
}

async function inject(kind: FaultKind, platform: ChaosPlatform): Promise<void> {
  switch (kind) {
    case 'core-sigkill':
      return platform.component('core').killAndRestart();
    case 'agr-sigkill':
      return platform.component('agr').killAndRestart();
    case 'rabbitmq-restart':
      // Graceful stop of the node (rabbitmqctl stop), same data folder and port on start.
      await platform.rabbit.stopKeepData();
      await platform.rabbit.start();
      return;
    case 'postgresql-restart':
      // pg_ctl stop -m immediate: no shutdown checkpoint, every connection cut; crash recovery on start.
      await platform.postgres.stopKeepData('immediate');
      await platform.postgres.start();
      return;
  }
}

export async function runFaults(plan: PlannedFault[], platform: ChaosPlatform, progress: () => { accepted: number; done: boolean }, log: (l: string) => void): Promise<ExecutedFault[]> {
  const executed: ExecutedFault[] = [];
  for (const f of plan) {
    while (progress().accepted < f.atAccepted && !progress().done) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, f.delayMs));
    const duringLoad = !progress().done;
    const acceptedAtFault = progress().accepted;
    const t0 = Date.now();
    const startedAt = new Date(t0).toISOString();
    log(`fault: ${f.kind} at ${acceptedAtFault} accepted${duringLoad ? '' : ' (after the load)'}`);
    let error: string | undefined;
    await inject(f.kind, platform).catch((err: unknown) => (error = String(err)));
    const recoveryMs = Date.now() - t0;
    log(`fault: ${f.kind} recovered in ${(recoveryMs / 1000).toFixed(1)} s${error ? ` with error ${error}` : ''}`);
    executed.push({ ...f, startedAt, acceptedAtFault, recoveryMs, duringLoad, ...(error ? { error } : {}) });
  }
  return executed;
}
