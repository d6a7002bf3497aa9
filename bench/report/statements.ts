// SQL statements per schedule, per component, from the file BENCH_STATEMENTS_FILE made the
// platform process write during `tps bench e2e` (bench/lib/platform-child.ts): one line per CPU
// reading, two readings per round (before and after it), so round k is line 2k+1 minus line 2k.
// Run alone: tsx bench/report/statements.ts FILE MESSAGES_PER_ROUND
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type Counts = Record<string, Record<string, number>>;

/** Statements per schedule of each round: component → "verb table" (and "total") → count. */
export function statementsPerSchedule(text: string, messagesPerRound: number): Counts[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { statements: Counts }).statements);
  const rounds: Counts[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [before, after] = [lines[i]!, lines[i + 1]!];
    const round: Counts = {};
    for (const [component, counts] of Object.entries(after)) {
      round[component] = {};
      for (const [key, n] of Object.entries(counts)) {
        const d = n - (before[component]?.[key] ?? 0);
        if (d > 0) round[component]![key] = d / messagesPerRound;
      }
    }
    rounds.push(round);
  }
  return rounds;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, messages] = process.argv.slice(2);
  if (!file || !messages) throw new Error('usage: tsx bench/report/statements.ts FILE MESSAGES_PER_ROUND');
  statementsPerSchedule(readFileSync(file, 'utf8'), Number(messages)).forEach((round, r) => {
    console.log(`round ${r + 1}`);
    for (const [component, counts] of Object.entries(round)) {
      const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
      console.log(`  ${component}: ${rows.map(([k, n]) => `${k} ${n.toFixed(2)}`).join(', ')}`);
    }
  });
}
