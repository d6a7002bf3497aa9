// NF2: every module deployable with Docker — the image, checked offline (no Docker engine here).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentFromArgv, portFor } from '../../docker/healthcheck.mjs';
import { checkCopySources, execForm, isIgnored, parseDockerfile, type Stage } from './dockerfile-check.js';
import { repoPath, repoRoot } from './repo.js';

const dockerfileText = readFileSync(repoPath('docker', 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(repoPath('.dockerignore'), 'utf8');
const { args, stages } = parseDockerfile(dockerfileText);
const runtime = stages[stages.length - 1]!;
const build = stages[0]!;
const ops = (s: Stage, op: string): string[] => s.instructions.filter((i) => i.op === op).map((i) => i.args);

function run(cmd: string, argv: string[], env: Record<string, string>, cwd = repoRoot): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('NF2: Docker image (docker/Dockerfile)', () => {
  it('NF2: is multi-stage on an official Node LTS slim image', () => {
    expect(stages.length).to.be.greaterThanOrEqual(2);
    const nodeImage = args.find((a) => a.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
    expect(nodeImage, 'ARG NODE_IMAGE').to.match(/^node:(20|22|24)(\.\d+)*-(bookworm|bullseye|trixie)-slim$/);
    for (const s of stages) expect(s.from).to.equal('${NODE_IMAGE}');
    expect(build.name).to.equal('build');
  });

  it('NF2: the build stage compiles better-sqlite3 from source and the TypeScript, then prunes dev dependencies', () => {
    const runs = ops(build, 'RUN').join('\n');
    expect(runs).to.match(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/);
    expect(ops(build, 'ENV').join(' ')).to.match(/npm_config_build_from_source=true/);
    expect(runs).to.match(/\bnpm ci\b/);
    expect(runs).to.match(/npm run build/);
    expect(runs).to.match(/npm prune --omit=dev/);
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts.build).to.contain('tsc');
    expect(pkg.dependencies).to.have.property('better-sqlite3');
  });

  it('NF2: the runtime stage has no toolchain, no npm install, runs as the non-root node user', () => {
    expect(ops(runtime, 'RUN').join('\n')).not.to.match(/apt-get|npm (ci|install)|python3|g\+\+/);
    for (const c of ops(runtime, 'COPY')) {
      if (!c.startsWith('--from=')) expect(c, 'runtime copies from the context only docker/ helpers').to.match(/docker\//);
    }
    const copiedFromBuild = ops(runtime, 'COPY').filter((c) => c.startsWith('--from=build')).join('\n');
    for (const part of ['/app/node_modules', '/app/dist', '/app/bin', '/app/package.json']) expect(copiedFromBuild).to.contain(part);
    const users = ops(runtime, 'USER');
    expect(users).to.deep.equal(['node']);
    const userIndex = runtime.instructions.findIndex((i) => i.op === 'USER');
    expect(runtime.instructions.slice(userIndex).some((i) => i.op === 'RUN'), 'nothing runs as root after USER').to.equal(false);
  });

  it('NF2: configuration comes from the environment; entrypoint and default command run one component', () => {
    expect(execForm(ops(runtime, 'ENTRYPOINT')[0]!)).to.deep.equal(['node', 'bin/tps.js']);
    const cmd = execForm(ops(runtime, 'CMD')[0]!)!;
    expect(cmd[0]).to.equal('serve');
    expect(['directory', 'core', 'agr', 'dso']).to.include(cmd[1]);
    const env = ops(runtime, 'ENV').join(' ');
    expect(env).to.match(/TPS_HOST=0\.0\.0\.0/); // listen on the container network, not loopback
    expect(env).to.match(/TPS_DATA_DIR=\/data/);
    expect(ops(runtime, 'VOLUME').join(' ')).to.contain('/data');
    expect(ops(runtime, 'ENV').concat(ops(runtime, 'ARG')).join(' ')).not.to.match(/(PASSWORD|TOKEN|SECRET)/i);
  });

  it('NF2: HEALTHCHECK runs node against GET /health (slim images have no curl)', () => {
    const hc = ops(runtime, 'HEALTHCHECK');
    expect(hc).to.have.length(1);
    const cmd = execForm(hc[0]!.replace(/^(--\S+\s+)*CMD\s+/, ''));
    expect(cmd).to.deep.equal(['node', 'docker/healthcheck.mjs']);
    const instructions = stages.flatMap((s) => s.instructions.map((i) => `${i.op} ${i.args}`)).join('\n');
    expect(instructions).not.to.match(/\bcurl\b|\bwget\b/);
  });

  it('NF2: the build stage\'s `npm run build` type-checks: tsc -p tsconfig.build.json exits 0 (a failing build stops the image)', async function () {
    this.timeout(180_000);
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noEmit'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, out.slice(0, 3000)).to.equal(0);
  });

  it('NF2: every COPY source exists in the build context and is not excluded by .dockerignore', () => {
    expect(checkCopySources(stages, repoRoot, dockerignore)).to.deep.equal([]);
  });

  it('NF2: the COPY check catches a missing source and one hidden by .dockerignore (mutation)', () => {
    const broken = parseDockerfile(dockerfileText.replace('COPY xsd ./xsd', 'COPY xsd-missing ./xsd')).stages;
    expect(checkCopySources(broken, repoRoot, dockerignore).join()).to.contain('xsd-missing does not exist');
    expect(checkCopySources(stages, repoRoot, `${dockerignore}\npackages\n`).join()).to.contain('packages is excluded by .dockerignore');
  });

  it('NF2: .dockerignore keeps secrets, dependencies and build output out of the context', () => {
    for (const p of ['node_modules', 'packages/x/node_modules', 'dist', 'data', '.git', 'docker/.env', '.env']) expect(isIgnored(p, dockerignore), p).to.equal(true);
    for (const p of ['package.json', 'package-lock.json', 'packages/config/src/env.ts', 'docker/healthcheck.mjs', 'docker/.env.example']) expect(isIgnored(p, dockerignore), p).to.equal(false);
  });

  it('NF2: helper scripts are valid POSIX shell', async () => {
    for (const script of ['docker/approve-components.sh', 'docker/postgres/init-databases.sh']) {
      const r = await run('sh', ['-n', script], {});
      expect(r.code, `${script}: ${r.out}`).to.equal(0);
    }
  });
});

describe('NF2: container health check (docker/healthcheck.mjs)', () => {
  let server: Server;
  let status = 200;
  let port = 0;
  before(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/health' ? status : 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('NF2: finds the component from the main process command line and its port from the environment', () => {
    expect(componentFromArgv(['node', 'bin/tps.js', 'serve', 'agr'])).to.equal('agr');
    expect(componentFromArgv(['/sbin/docker-init', '--', 'node', 'bin/tps.js', 'serve', 'directory'])).to.equal('directory');
    expect(componentFromArgv(['node', 'bin/tps.js', 'directory', 'approve', 'X'])).to.equal(undefined);
    expect(componentFromArgv(['node', 'bin/tps.js', 'serve', 'bogus'])).to.equal(undefined);
    expect(portFor('core', {})).to.equal(8701);
    expect(portFor('dso', { TPS_DSO_PORT: '9003' })).to.equal(9003);
  });

  const allPorts = (p: number): Record<string, string> => ({ TPS_DIRECTORY_PORT: String(p), TPS_CORE_PORT: String(p), TPS_AGR_PORT: String(p), TPS_DSO_PORT: String(p) });

  it('NF2: healthy (exit 0) on 200, unhealthy (exit 1) on 503 degraded and when nothing listens', async () => {
    status = 200;
    expect((await run('node', ['docker/healthcheck.mjs'], allPorts(port))).code).to.equal(0);
    status = 503;
    expect((await run('node', ['docker/healthcheck.mjs'], allPorts(port))).code).to.equal(1);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await run('node', ['docker/healthcheck.mjs'], allPorts(freePort))).code).to.equal(1);
  });
});

describe('NF2: one-shot approval job (docker/approve-components.sh)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tps-approve-'));
    mkdirSync(join(dir, 'docker'));
    mkdirSync(join(dir, 'bin'));
    cpSync(repoPath('docker', 'approve-components.sh'), join(dir, 'docker', 'approve-components.sh'));
    // A stand-in CLI: `directory approve CODE` fails until CODE has been asked twice (not yet pending).
    writeFileSync(join(dir, 'bin', 'tps.js'), `
      import { appendFileSync, readFileSync, existsSync } from 'node:fs';
      const [, , group, verb, code] = process.argv;
      const log = new URL('./calls.log', import.meta.url);
      const before = existsSync(log) ? readFileSync(log, 'utf8').split('\\n').filter((l) => l.endsWith(' ' + code)).length : 0;
      appendFileSync(log, group + ' ' + verb + ' ' + process.env.TPS_ADMIN_TOKEN + ' ' + code + '\\n');
      process.exit(before >= 1 ? 0 : 3);
    `);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    chmodSync(join(dir, 'docker', 'approve-components.sh'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('NF2: retries `tps directory approve CODE` until each registration is approved, token from the environment', async function () {
    this.timeout(30_000);
    const r = await run('sh', ['docker/approve-components.sh', 'CODE-A', 'CODE-B'], { TPS_DIRECTORY_URL: 'http://directory:8700', TPS_ADMIN_TOKEN: 'secret-token' }, dir);
    expect(r.code, r.out).to.equal(0);
    const calls = readFileSync(join(dir, 'bin', 'calls.log'), 'utf8').trim().split('\n');
    expect(calls).to.deep.equal(['directory approve secret-token CODE-A', 'directory approve secret-token CODE-A', 'directory approve secret-token CODE-B', 'directory approve secret-token CODE-B']);
    expect(r.out).to.contain('approved CODE-A').and.to.contain('approved CODE-B');
  });

  it('NF2: refuses to run without component codes or without the admin token', async () => {
    expect((await run('sh', ['docker/approve-components.sh'], { TPS_DIRECTORY_URL: 'http://d', TPS_ADMIN_TOKEN: 't' }, dir)).code).to.equal(2);
    const noToken = await run('sh', ['docker/approve-components.sh', 'CODE-A'], { TPS_DIRECTORY_URL: 'http://d' }, dir);
    expect(noToken.code).to.not.equal(0);
    expect(noToken.out).to.contain('TPS_ADMIN_TOKEN');
  });
});
