// `tps directory server-cert` end to end against a running directory (issue 13): through the
// commander tree with TPS_DIRECTORY_URL/TPS_ADMIN_TOKEN from the environment, and through
// runServerCertCommand for the refusals.
import { expect } from 'chai';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../cli/program.js';
import { runServerCertCommand } from '../../cli/commands/server-cert.js';
import { ADMIN_TOKEN, tempDir } from './fixtures.js';
import { useCliDirectory } from './cli-fixture.js';

describe('cli: tps directory server-cert (F1, NF3, issue 13)', () => {
  const cli = useCliDirectory();

  it('F1/NF3 issue 13: writes key.pem (0600), cert.pem and ca.pem and prints the paths, the TPS env line and rabbitmq.conf lines', async () => {
    const target = join(tempDir('tps-cli-server-cert-'), 'rabbit');
    const env: Record<string, string> = { TPS_DIRECTORY_URL: cli.dir.url, TPS_ADMIN_TOKEN: ADMIN_TOKEN };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    const log = console.log;
    Object.assign(process.env, env);
    console.log = (...a: unknown[]) => cli.out.push(a.join(' '));
    try {
      await buildProgram().exitOverride().parseAsync(['directory', 'server-cert', '--hosts', 'rabbit.tps.test, 10.0.0.9', '--days', '90', '--client-auth', '--out', target], { from: 'user' });
    } finally {
      console.log = log;
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(process.exitCode ?? 0).to.equal(0);
    process.exitCode = undefined;

    const keyFile = join(target, 'key.pem');
    const certFile = join(target, 'cert.pem');
    const caFile = join(target, 'ca.pem');
    expect(statSync(keyFile).mode & 0o777).to.equal(0o600);
    expect(statSync(target).mode & 0o077).to.equal(0);
    const cert = new X509Certificate(readFileSync(certFile));
    expect(cert.checkPrivateKey(createPrivateKey(readFileSync(keyFile)))).to.equal(true);
    expect(cert.checkIssued(new X509Certificate(readFileSync(caFile)))).to.equal(true);
    expect(readFileSync(caFile, 'utf8')).to.equal(cli.dir.caCertificate);
    expect(cert.subjectAltName).to.equal('DNS:rabbit.tps.test, IP Address:10.0.0.9');
    expect(cert.keyUsage).to.deep.equal(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect((Date.parse(cert.validTo) - Date.now()) / 86_400_000).to.be.within(89.9, 90.1);

    const text = cli.out.join('\n');
    for (const f of [keyFile, certFile, caFile]) expect(text).to.contain(f);
    expect(cli.out).to.include(`TPS_TLS=on TPS_TLS_CERT_FILE=${certFile} TPS_TLS_KEY_FILE=${keyFile} TPS_TLS_CA_FILE=${caFile}`);
    expect(cli.out).to.include(`ssl_options.cacertfile = ${caFile}`);
    expect(cli.out).to.include(`ssl_options.certfile = ${certFile}`);
    expect(cli.out).to.include(`ssl_options.keyfile = ${keyFile}`);
    expect(cli.out).to.include('ssl_options.verify = verify_peer');
    // The private key is printed nowhere.
    expect(text).to.not.contain('PRIVATE KEY');
  });

  it('F1/NF3 issue 13: refusals exit 1 with a clear message and write nothing; existing files are never overwritten', async () => {
    const target = tempDir('tps-cli-server-cert-');
    const files = () => ['key.pem', 'cert.pem', 'ca.pem'].filter((f) => existsSync(join(target, f)));

    expect(await runServerCertCommand({ hosts: '*.tps.test', out: target }, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('hosts.0');
    expect(await runServerCertCommand({ hosts: 'a.tps.test', days: '900', out: target }, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('days');
    expect(await runServerCertCommand({ hosts: 'a.tps.test', days: 'soon', out: target }, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('--days');
    expect(await runServerCertCommand({ hosts: ' , ', out: target }, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('--hosts');
    expect(await runServerCertCommand({ hosts: 'a.tps.test', out: target }, { ...cli.deps, adminToken: 'wrong' })).to.equal(1);
    expect(cli.err.pop()).to.contain('admin token is not valid');
    expect(files()).to.deep.equal([]);

    writeFileSync(join(target, 'key.pem'), 'the key a running server still uses');
    expect(await runServerCertCommand({ hosts: 'a.tps.test', out: target }, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('already exists');
    expect(readFileSync(join(target, 'key.pem'), 'utf8')).to.equal('the key a running server still uses');
    expect(files()).to.deep.equal(['key.pem']);
    expect(cli.out).to.deep.equal([]);
  });
});
