// The demo's narration: a heading per step, a progress line per action. Tests pass a silent one.

export interface Narrator {
  step(n: number, title: string): void;
  /** One action done (a REST call and what came of it). */
  progress(text: string): void;
  /** Commentary. */
  note(text: string): void;
}

export const silentNarrator: Narrator = { step: () => undefined, progress: () => undefined, note: () => undefined };

export function consoleNarrator(write: (s: string) => void = (s) => process.stdout.write(s)): Narrator {
  const t0 = Date.now();
  const clock = () => `+${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
  return {
    step: (n, title) => write(`\n== ${n}. ${title}\n`),
    progress: (text) => write(`  ${clock()}  ✓ ${text}\n`),
    note: (text) => write(`             ${text}\n`),
  };
}
