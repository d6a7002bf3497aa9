import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { DOCUMENT_KINDS, validateFiles, writeExampleFiles, type DocumentKind } from '../../packages/iec62325/src/index.js';

// `tps doc …` (F1): example documents of every kind, and offline validation of files against the
// project's schemas and rules, with the 451-1 reason for each invalid file.

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function registerDocCommands(program: Command): void {
  const doc = program.command('doc').description('IEC 62325-451 documents: examples and validation');

  doc
    .command('example')
    .description('write a valid example file per document kind, named <kind>.xml')
    .addArgument(new Argument('[kind]', 'one document kind').choices(DOCUMENT_KINDS))
    .option('--all', 'every document kind')
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .action(async (kind: DocumentKind | undefined, options: { all?: boolean; out: string }) => {
      if ((options.all === true) === (kind !== undefined)) {
        process.stderr.write(`give one kind (${DOCUMENT_KINDS.join(', ')}) or --all\n`);
        process.exitCode = 2;
        return;
      }
      const written = await writeExampleFiles(options.out, kind === undefined ? DOCUMENT_KINDS : [kind]);
      for (const path of written) process.stdout.write(`${path}\n`);
    });

  doc
    .command('validate')
    .description('validate files against the project schemas and rules; exit 0 if all are valid, 1 otherwise')
    .argument('<files...>', 'XML files')
    .addOption(new Option('--max-bytes <n>', 'largest accepted document in bytes (default 4 MiB)').argParser(positiveInteger))
    .option('--json', 'print one JSON object per file')
    .action(async (files: string[], options: { maxBytes?: number; json?: boolean }) => {
      const results = await validateFiles(files, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
      for (const r of results) {
        if (options.json === true) process.stdout.write(`${JSON.stringify(r)}\n`);
        else if (r.valid) process.stdout.write(`valid    ${r.file} (${r.kind})\n`);
        else process.stdout.write(`INVALID  ${r.file}: ${r.error?.message} [${r.error?.code}, reason ${r.error?.reasonCode}]\n`);
      }
      if (results.some((r) => !r.valid)) process.exitCode = 1;
    });
}
