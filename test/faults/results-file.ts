// Fault-run summaries (F1): each fault test writes one JSON file to test/faults/results/ (gitignored);
// `npx tsx test/hostile/reliability-table.ts faults` turns them into the fault table of docs/RELIABILITY.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FaultSummary {
  /** Row key in the fault table (see reliability-table.ts). */
  fault: string;
  description: string;
  runAt: string;
  node: string;
  /** Messages committed for sending. */
  sent: number;
  /** Messages with an effect at the receiver (distinct message IDs). */
  received: number;
  /** Sent messages without any effect. */
  lost: number;
  /** Extra effects beyond one per message. */
  duplicated: number;
  /** Endpoints that stopped working and had to be restarted by the test (none is ever restarted). */
  crashed: number;
  /** Sent messages whose tracked status ended RECEIVED at the sender. */
  receivedStatus: number;
  detail: Record<string, unknown>;
}

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

export function writeFaultSummary(name: string, s: Omit<FaultSummary, 'runAt' | 'node'>): FaultSummary {
  const full: FaultSummary = { ...s, runAt: new Date().toISOString(), node: process.version };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}${name}.json`, JSON.stringify(full, null, 2) + '\n');
  console.log(`      [${s.fault}] sent=${s.sent} received=${s.received} lost=${s.lost} duplicated=${s.duplicated} crashed=${s.crashed} RECEIVED-status=${s.receivedStatus} ${JSON.stringify(s.detail)}`);
  return full;
}
