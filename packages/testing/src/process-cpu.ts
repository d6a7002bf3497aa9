// CPU seconds used by another process (a platform child, the RabbitMQ node), read from /proc/<pid>/stat (Linux): utime + stime in clock
// ticks (USER_HZ, 100 on Linux x64). A load-independent figure: on a shared machine wall time
// says more about the neighbours than about the platform.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** undefined when the process is gone or /proc is not there. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state = field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
