// `tps split`: split one capacity limit among assets from a JSON file and print the decision
// (F6a). Bad input of any kind (usage, unreadable file, invalid JSON, invalid values) exits with 2
// and one line on stderr saying why; an internal error (a violated invariant) exits with 1.

import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { DEFAULT_POLICY, FairnessInputError, POLICY_NAMES, split, type SplitRequest } from '../../packages/fairness/src/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** What the command touches outside itself, so tests run it in-process. */
export interface SplitIo {
  readText(path: string): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

const nodeIo: SplitIo = {
  readText: (path) => readFile(path, 'utf8'),
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

interface SplitOptions {
  policy: string;
  limit: string;
  direction: string;
  input: string;
}

class BadInput extends Error {}

// Request-level fields as the user typed them on the command line.
const OPTION_OF_FIELD: Readonly<Record<string, string>> = { policy: '--policy', direction: '--direction', limitW: '--limit' };

function parseLimit(text: string): number {
  const value = Number(text);
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(value)) {
    throw new BadInput(`--limit must be a non-negative integer number of watts below 2^53 (got ${JSON.stringify(text)})`);
  }
  return value;
}

async function readInput(path: string, io: SplitIo): Promise<SplitRequest['assets']> {
  let text: string;
  try {
    text = await io.readText(path);
  } catch (error) {
    throw new BadInput(`cannot read --input ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BadInput(`--input ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadInput(`--input ${path} must hold a JSON object {"assets": [...]}`);
  }
  const extra = Object.keys(parsed).filter((key) => key !== 'assets');
  if (extra.length > 0) throw new BadInput(`--input ${path}: unknown top-level field ${JSON.stringify(extra[0])} (expected only "assets")`);
  return (parsed as { assets: SplitRequest['assets'] }).assets;
}

/** Runs the command for parsed options; returns the exit code. */
async function execute(options: SplitOptions, io: SplitIo): Promise<number> {
  try {
    const assets = await readInput(options.input, io);
    const decision = split({
      policy: options.policy,
      limitW: parseLimit(options.limit),
      direction: options.direction as SplitRequest['direction'],
      assets,
    });
    io.out(`${JSON.stringify(decision, null, 2)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof BadInput) {
      io.err(`tps split: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof FairnessInputError) {
      const option = OPTION_OF_FIELD[error.field];
      const reason = option === undefined ? `--input ${options.input}: ${error.message}` : option + error.message.slice(error.field.length);
      io.err(`tps split: ${reason}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(`tps split: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function addSplitCommand(program: Command, io: SplitIo, setExitCode: (code: number) => void, onUsageError: (error: CommanderError) => never): void {
  program
    .command('split')
    .description('split a capacity limit fairly among assets (F6a) and print grants, operator totals, metrics and trace as JSON')
    .option('--policy <P>', `fairness policy: ${POLICY_NAMES.join(', ')}`, DEFAULT_POLICY)
    .requiredOption('--limit <W>', 'the limit for one interval, integer watts')
    .option('--direction <D>', 'production or consumption', 'production')
    .requiredOption('--input <FILE>', 'JSON file {"assets":[{"id","operator","capacityW","plannedW"?,"weight"?,"floorW"?}]}')
    .showHelpAfterError(false) // keep usage errors to one line like every other bad input
    .exitOverride(onUsageError)
    .action(async (options: SplitOptions) => setExitCode(await execute(options, io)));
}

/** Adds `split` to the `tps` program. Usage errors exit with 2 like any other bad input. */
export function registerSplitCommand(program: Command, io: SplitIo = nodeIo): void {
  addSplitCommand(
    program,
    io,
    (code) => {
      process.exitCode = code;
    },
    (error) => process.exit(error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT),
  );
}

/** Runs `tps split <argv…>` in-process and returns the exit code (for tests and embedding). */
export async function runSplit(argv: readonly string[], io: SplitIo): Promise<number> {
  // Configured like the real `tps` program (cli/program.ts shows help after errors).
  const program = new Command('tps').showHelpAfterError().exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  let code = EXIT_OK;
  addSplitCommand(
    program,
    io,
    (c) => {
      code = c;
    },
    (error) => {
      throw error;
    },
  );
  try {
    await program.parseAsync(['split', ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    throw error;
  }
  return code;
}
