// CPU seconds used by another process (a platform child, the RabbitMQ node, a PostgreSQL server),
// read from /proc/<pid>/stat (Linux): utime + stime in clock ticks (USER_HZ, 100 on Linux x64). A
// load-independent figure: on a shared machine wall time says more about the neighbours than about
// the platform.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** The fields after the command name (which may contain spaces), starting at state = field 3. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The process ID on the first line of a server's pid file (RabbitMQ, PostgreSQL); undefined without one. */
export function pidFromFile(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** undefined when the process is gone or /proc is not there. */
export function cpuSecondsOf(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : undefined;
}

/**
 * A server that forks a process per connection (PostgreSQL): the root's own CPU, what its exited
 * children used (cutime + cstime, counted once the root has reaped them) and its live children's.
 */
export function treeCpuSecondsOf(rootPid: number): number | undefined {
  const root = statFields(rootPid);
  if (!root) return undefined;
  let ticks = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (f && Number(f[1]) === rootPid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
