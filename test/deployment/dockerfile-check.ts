// A small Dockerfile reader (NF2): stages, instructions (with line continuations), COPY sources,
// and .dockerignore matching — enough to check the file offline without a Docker engine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  op: string;
  args: string;
  line: number;
}
export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical: Instruction[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (buf === '' && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (buf !== '' && line.trim().startsWith('#')) return; // comment inside a continuation
    if (buf === '') start = i + 1;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(buf);
    if (!m) throw new Error(`line ${start}: cannot parse '${buf}'`);
    logical.push({ op: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start });
    buf = '';
  });
  if (buf !== '') throw new Error('Dockerfile ends inside a line continuation');
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of logical) {
    if (ins.op === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: bad FROM`);
      stages.push({ from: m[1]!, name: m[2], instructions: [] });
    } else if (stages.length === 0) {
      if (ins.op !== 'ARG') throw new Error(`line ${ins.line}: ${ins.op} before FROM`);
      args.push(ins);
    } else stages[stages.length - 1]!.instructions.push(ins);
  }
  return { args, stages };
}

/** JSON-array form (exec form) of an instruction's arguments, or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(trimmed);
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error(`not a JSON string array: ${args}`);
  return parsed as string[];
}

/** Sources of COPY/ADD instructions that read the build context (not --from=another stage). */
export function contextCopySources(stages: Stage[]): { source: string; line: number }[] {
  const out: { source: string; line: number }[] = [];
  for (const s of stages) {
    for (const ins of s.instructions) {
      if (ins.op !== 'COPY' && ins.op !== 'ADD') continue;
      const words = ins.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith('--'));
      if (flags.some((f) => f.startsWith('--from='))) continue;
      const paths = execForm(ins.args.replace(/^(--\S+\s+)+/, '')) ?? words.filter((w) => !w.startsWith('--'));
      for (const source of paths.slice(0, -1)) out.push({ source, line: ins.line });
    }
  }
  return out;
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** .dockerignore semantics: patterns relative to the context root, `!` re-includes, last match wins. */
export function isIgnored(path: string, dockerignore: string): boolean {
  const rel = path.replace(/^\.\//, '').replace(/\/$/, '');
  let ignored = false;
  for (const raw of dockerignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    const pattern = (negate ? line.slice(1) : line).replace(/^\//, '').replace(/\/$/, '');
    if (globToRegExp(pattern).test(rel)) ignored = !negate;
  }
  return ignored;
}

/** Problems with COPY sources: missing in the context, or excluded by .dockerignore. */
export function checkCopySources(stages: Stage[], contextDir: string, dockerignore: string): string[] {
  const problems: string[] = [];
  for (const { source, line } of contextCopySources(stages)) {
    if (/[*?[]/.test(source)) problems.push(`line ${line}: wildcard COPY source ${source} cannot be checked; list files explicitly`);
    else if (!existsSync(join(contextDir, source))) problems.push(`line ${line}: COPY source ${source} does not exist`);
    else if (isIgnored(source, dockerignore)) problems.push(`line ${line}: COPY source ${source} is excluded by .dockerignore`);
  }
  return problems;
}
