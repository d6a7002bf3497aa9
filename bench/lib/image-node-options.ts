// The Node options the Docker image runs every component with (docker/Dockerfile, runtime stage,
// `ENV NODE_OPTIONS=…`). `--compiled` benchmarks run the platform as the image does (issue 14:
// benchmark 3 measures the AGR/BRP process's memory, which these options change), read from the
// Dockerfile itself so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './common.js';

export function imageNodeOptions(dockerfile = join(REPO_ROOT, 'docker', 'Dockerfile')): string {
  const text = readFileSync(dockerfile, 'utf8');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const m = /\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(runtime);
  return (m?.[1] ?? m?.[2] ?? '').trim();
}
