// Results of the hostile-input runners, written as JSON after the run (test/hostile/results/) and
// turned into the table of docs/RELIABILITY.md by test/hostile/reliability-table.ts — the figures
// are never typed by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface CaseOutcome {
  case: string;
  /** The expected clear error was observed (problem+json with code, typed DocumentError, FAILED/negative ack with reason). */
  clearError: boolean;
  /** The process or component stopped answering, or something other than the typed error escaped. */
  crashed: boolean;
  /** Accepted state differed after the case. */
  stateChanged: boolean;
  detail?: string;
}

interface GroupResult {
  group: string;
  description: string;
  outcomes: Map<string, CaseOutcome>;
  /** Accepted state compared once for the whole group (before vs after). */
  groupStateChanged?: boolean;
}

const groups = new Map<string, GroupResult>();

export function recordGroup(group: string, description: string): GroupResult {
  let g = groups.get(group);
  if (!g) groups.set(group, (g = { group, description, outcomes: new Map() }));
  return g;
}

export function record(group: string, outcome: CaseOutcome): void {
  recordGroup(group, group).outcomes.set(outcome.case, outcome);
}

export function recordGroupState(group: string, changed: boolean): void {
  recordGroup(group, group).groupStateChanged = changed;
}

export function writeSummaries(): void {
  if (groups.size === 0) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const g of groups.values()) {
    const outcomes = [...g.outcomes.values()];
    const summary = {
      group: g.group,
      description: g.description,
      runAt: new Date().toISOString(),
      node: process.version,
      tried: outcomes.length,
      clearErrors: outcomes.filter((o) => o.clearError).length,
      crashes: outcomes.filter((o) => o.crashed).length,
      stateChanges: outcomes.filter((o) => o.stateChanged).length + (g.groupStateChanged ? 1 : 0),
      groupStateCompared: g.groupStateChanged !== undefined,
      notClear: outcomes.filter((o) => !o.clearError).map((o) => ({ case: o.case, detail: o.detail ?? '' })),
    };
    writeFileSync(join(RESULTS_DIR, `${g.group}.json`), JSON.stringify(summary, null, 2) + '\n');
  }
}

after(() => writeSummaries());
