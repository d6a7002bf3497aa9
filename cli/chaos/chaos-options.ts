// What a chaos run does (`tps chaos`, issue 13, F1): how many documents, which faults, how long.
export interface ChaosOptions {
  /** Load documents accepted through the REST facades (schedule and limit revisions). */
  messages: number;
  /** SIGKILLs of the TPS core (each followed by a restart). */
  coreKills: number;
  /** SIGKILLs of the AGR/BRP endpoint. */
  agrKills: number;
  rabbitRestarts: number;
  postgresRestarts: number;
  seed: number;
  /** Hard bound for the whole run, start-up to reconciliation. */
  maxMinutes: number;
  /** Concurrent REST clients of the load. */
  concurrency: number;
  /** Every n-th load document is a DSO capacity-limit revision; the others are AGR schedule revisions. */
  limitEvery: number;
  /** Where to write the JSON summary. */
  json?: string | undefined;
  /** Name of the results files for docs/RELIABILITY.md (test/faults/results/<prefix>-*.json); none when undefined. */
  resultsPrefix?: string | undefined;
  /** Progress lines (stderr for the CLI, mocha's console for the suite). */
  log(line: string): void;
}

export const DEFAULT_OPTIONS: Omit<ChaosOptions, 'log'> = {
  messages: 100_000,
  coreKills: 10,
  agrKills: 1,
  rabbitRestarts: 1,
  postgresRestarts: 1,
  seed: 13,
  maxMinutes: 60,
  concurrency: 16,
  limitEvery: 20,
};
