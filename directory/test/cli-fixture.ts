// A running test directory and captured output for the `tps directory …` command tests: one
// set-up shared by the approve/renew/revoke/list tests and the server-cert tests.
import type { Knex } from 'knex';
import { openDatabase } from '../../packages/storage/src/index.js';
import type { DirectoryCommandDeps } from '../../cli/commands/directory.js';
import type { RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, startTestDirectory } from './fixtures.js';

export interface CliDirectory {
  dir: RunningDirectory;
  /** Lines the command printed; emptied before each test. */
  out: string[];
  err: string[];
  /** Deps pointing at `dir` with the admin token, printing into `out`/`err`. */
  deps: DirectoryCommandDeps;
}

/** Registers mocha hooks in the calling `describe`: a directory on in-memory SQLite for the block. */
export function useCliDirectory(): CliDirectory {
  let db: Knex | undefined;
  const cli = { out: [], err: [] } as unknown as CliDirectory;
  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    cli.dir = await startTestDirectory(db);
  });
  beforeEach(() => {
    cli.out = [];
    cli.err = [];
    cli.deps = { url: cli.dir.url, adminToken: ADMIN_TOKEN, out: (l) => cli.out.push(l), err: (l) => cli.err.push(l) };
  });
  after(async () => {
    await cli.dir?.close();
    await db?.destroy();
  });
  return cli;
}
