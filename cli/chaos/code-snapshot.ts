// The code the component processes run: a copy of the checkout's sources taken when the run
// starts (node_modules linked, not copied). Every restart during the run then starts the same
// code, even if the working tree changes meanwhile — a restarted core must not come back as a
// different version than the endpoints it talks to.
import { cpSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../../bench/lib/common.js';

/** Folders that are data or documentation, not code the components load. */
const SKIP = new Set(['node_modules', '.git', 'data', 'docs', 'results', 'corpus', 'screenshots', 'profiles', 'kubernetes', 'docker']);

export function snapshotCode(into: string): string {
  const root = join(into, 'code');
  cpSync(REPO_ROOT, root, { recursive: true, filter: (src) => src === REPO_ROOT || !SKIP.has(basename(src)) });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}
