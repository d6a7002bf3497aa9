// `tps directory server-cert --hosts a,b [--days N] [--client-auth] --out DIR` (issue 13): a TLS
// server certificate from the directory CA for RabbitMQ or a separately deployed core/facade.
// The P-256 key is generated here and written only to DIR/key.pem (0600); the directory sees
// the CSR, never the key. The logic is in runServerCertCommand so tests drive it in-process.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DirectoryAdminClient, DirectoryClientError, generateKeyAndCsr } from '../../packages/directory-client/src/index.js';
import type { DirectoryCommandDeps } from './directory.js';

export interface ServerCertOptions {
  /** Comma-separated DNS names / IPs, as typed after --hosts. */
  hosts: string;
  days?: string;
  clientAuth?: boolean;
  out: string;
}

export interface ServerCertFiles {
  keyFile: string;
  certFile: string;
  caFile: string;
}

/** Returns the exit code: 0 written, 1 refused (bad options, directory said no, files exist). */
export async function runServerCertCommand(opts: ServerCertOptions, deps: DirectoryCommandDeps): Promise<number> {
  const fail = (msg: string) => {
    deps.err(`tps directory server-cert: ${msg}`);
    return 1;
  };
  const hosts = opts.hosts.split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (hosts.length === 0) return fail('--hosts needs at least one DNS name or IP address');
  let days: number | undefined;
  if (opts.days !== undefined) {
    if (!/^\d{1,4}$/.test(opts.days)) return fail(`--days must be a whole number of days, not "${opts.days}"`);
    days = Number(opts.days);
  }
  const dir = resolve(opts.out);
  const files: ServerCertFiles = { keyFile: join(dir, 'key.pem'), certFile: join(dir, 'cert.pem'), caFile: join(dir, 'ca.pem') };
  // Never overwrite: the old key may still be what a running server presents.
  const existing = Object.values(files).filter((f) => existsSync(f));
  if (existing.length > 0) return fail(`${existing.join(', ')} already exists; choose another --out directory`);

  // The CSR's subject is ignored by the directory (names come from `hosts`); CN is for humans.
  const key = await generateKeyAndCsr(hosts.find((h) => h.length <= 64) ?? 'TPS server', 'TPS');
  const client = new DirectoryAdminClient({ baseUrl: deps.url, ...(deps.caPem ? { caPem: deps.caPem } : {}) }, deps.adminToken);
  let issued;
  try {
    issued = await client.serverCertificate({ csr: key.csrPem, hosts, ...(days !== undefined ? { days } : {}), ...(opts.clientAuth ? { clientAuth: true } : {}) });
  } catch (e) {
    if (e instanceof DirectoryClientError) return fail(e.problem?.detail ? `${e.problem.detail}${problemFields(e.problem)}` : e.message);
    throw e;
  }

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // 'wx': fails rather than replace a file created since the check above.
  writeFileSync(files.keyFile, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600, flag: 'wx' });
  writeFileSync(files.certFile, issued.certificatePem, { mode: 0o644, flag: 'wx' });
  writeFileSync(files.caFile, issued.caPem, { mode: 0o644, flag: 'wx' });

  for (const line of usageLines(files, hosts, issued.serial, issued.notAfter)) deps.out(line);
  return 0;
}

/** What the operator copies: the TPS env line and the rabbitmq.conf TLS lines. */
export function usageLines(f: ServerCertFiles, hosts: string[], serial: string, notAfter: string): string[] {
  return [
    `server certificate ${serial} for ${hosts.join(', ')}, valid until ${notAfter}`,
    `key:  ${f.keyFile}`,
    `cert: ${f.certFile}`,
    `ca:   ${f.caFile}`,
    '',
    '# tps serve core|agr|dso on that host:',
    `TPS_TLS=on TPS_TLS_CERT_FILE=${sh(f.certFile)} TPS_TLS_KEY_FILE=${sh(f.keyFile)} TPS_TLS_CA_FILE=${sh(f.caFile)}`,
    '',
    '# rabbitmq.conf (the key must be readable by the rabbitmq user; components then use amqps://):',
    'listeners.ssl.default = 5671',
    `ssl_options.cacertfile = ${f.caFile}`,
    `ssl_options.certfile = ${f.certFile}`,
    `ssl_options.keyfile = ${f.keyFile}`,
    'ssl_options.verify = verify_peer',
    'ssl_options.fail_if_no_peer_cert = true',
  ];
}

/** Single-quotes a path for a POSIX shell when it holds anything but safe characters. */
function sh(path: string): string {
  return /^[\w./:@%+=-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function problemFields(problem: unknown): string {
  const errors = (problem as { errors?: Array<{ field?: string; message?: string }> }).errors;
  return Array.isArray(errors) && errors.length > 0 ? ` (${errors.map((x) => `${x.field ?? '?'}: ${x.message ?? ''}`).join('; ')})` : '';
}
