import { expect } from 'chai';
import { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK, registerSplitCommand, runSplit, type SplitIo } from './split.js';

const SECTION = {
  assets: [
    { id: 'A', operator: 'AGR-1', capacityW: 60, plannedW: 10 },
    { id: 'B', operator: 'AGR-2', capacityW: 60, plannedW: 60 },
    { id: 'C', operator: 'AGR-1', capacityW: 30 },
  ],
};

/** In-memory files and captured output. */
function fakeIo(files: Record<string, string>): SplitIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    readText: async (path: string) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

async function run(argv: string[], files: Record<string, string> = { 'section.json': JSON.stringify(SECTION) }) {
  const io = fakeIo(files);
  const code = await runSplit(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('tps split (CLI)', () => {
  it('F6a: prints grants, operator totals, metrics and trace as JSON and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--policy', 'waterfill', '--limit', '90', '--input', 'section.json']);
    expect([code, stderr]).to.deep.equal([EXIT_OK, '']);
    const out = JSON.parse(stdout);
    expect(out).to.include.keys('grants', 'operators', 'metrics', 'trace');
    expect(out.grants).to.deep.equal({ A: 10, B: 53, C: 27 });
    expect(out.operators).to.deep.equal({ 'AGR-1': 37, 'AGR-2': 53 });
    expect(out.direction).to.equal('production');
  });

  it('F6a: --policy drem-prorata and --direction consumption are passed through; output is byte-identical per input', async () => {
    const argv = ['--policy', 'drem-prorata', '--limit', '90', '--direction', 'consumption', '--input', 'section.json'];
    const first = await run(argv);
    expect(JSON.parse(first.stdout)).to.deep.include({ policy: 'drem-prorata', direction: 'consumption', grants: { A: 36, B: 36, C: 18 } });
    expect((await run(argv)).stdout).to.equal(first.stdout);
  });

  const badInputs: [string, string[], Record<string, unknown> | string, RegExp][] = [
    ['a negative capacity', ['--limit', '5'], { assets: [{ id: 'a', operator: 'o', capacityW: -5 }] }, /assets\[0\]\.capacityW must be a non-negative integer .*\(got -5\)/],
    ['duplicate IDs', ['--limit', '5'], { assets: [{ id: 'a', operator: 'o', capacityW: 1 }, { id: 'a', operator: 'o', capacityW: 2 }] }, /assets\[1\]\.id duplicates assets\[0\]\.id/],
    ['a non-integer plan', ['--limit', '5'], { assets: [{ id: 'a', operator: 'o', capacityW: 9, plannedW: 1.5 }] }, /assets\[0\]\.plannedW .*\(got 1\.5\)/],
    ['a non-integer limit', ['--limit', '2.5'], SECTION, /--limit must be a non-negative integer .*\(got "2\.5"\)/],
    ['a negative limit', ['--limit', '-1'], SECTION, /--limit/],
    ['an unknown policy', ['--limit', '5', '--policy', 'fifo'], SECTION, /--policy must be one of waterfill, drem-prorata, equal, prorata-request \(got "fifo"\)/],
    ['an unknown direction', ['--limit', '5', '--direction', 'sideways'], SECTION, /--direction must be "production" or "consumption"/],
    ['invalid JSON', ['--limit', '5'], '{"assets": [', /is not valid JSON/],
    ['an unknown top-level field', ['--limit', '5'], { assets: [], limit: 3 }, /unknown top-level field "limit"/],
  ];
  for (const [what, argv, file, reason] of badInputs) {
    it(`F6a: ${what} exits 2 with a one-line reason on stderr`, async () => {
      const text = typeof file === 'string' ? file : JSON.stringify(file);
      const { code, stdout, stderr } = await run([...argv, '--input', 'in.json'], { 'in.json': text });
      expect(code).to.equal(EXIT_BAD_INPUT);
      expect(stdout).to.equal('');
      expect(stderr).to.match(reason);
      expect(stderr.trimEnd().split('\n')).to.have.length(1);
    });
  }

  it('F6a: a missing file, a missing required option or an unknown option exits 2 with one line', async () => {
    const missing = await run(['--limit', '5', '--input', 'nope.json']);
    expect(missing.code).to.equal(EXIT_BAD_INPUT);
    expect(missing.stderr).to.match(/^tps split: cannot read --input nope\.json: ENOENT/);
    const noLimit = await run(['--input', 'section.json']);
    expect(noLimit.code).to.equal(EXIT_BAD_INPUT);
    expect(noLimit.stderr).to.match(/required option '--limit <W>' not specified/);
    const unknown = await run(['--limit', '5', '--input', 'section.json', '--bogus']);
    expect(unknown.code).to.equal(EXIT_BAD_INPUT);
    expect(unknown.stderr.trimEnd().split('\n')).to.deep.equal(["error: unknown option '--bogus'"]);
  });

  it('F6a: registerSplitCommand adds `split` with its options to a commander program', async () => {
    const program = new Command('tps');
    const io = fakeIo({ 'section.json': JSON.stringify(SECTION) });
    registerSplitCommand(program, io);
    const command = program.commands.find((c) => c.name() === 'split');
    expect(command?.options.map((o) => o.long)).to.deep.equal(['--policy', '--limit', '--direction', '--input']);
    const before = process.exitCode;
    try {
      await program.parseAsync(['split', '--limit', '70', '--input', 'section.json'], { from: 'user' });
      expect(process.exitCode ?? 0).to.equal(EXIT_OK);
      expect(JSON.parse(io.stdout).grants).to.deep.equal({ A: 10, B: 40, C: 20 });
    } finally {
      process.exitCode = before;
    }
  });
});
