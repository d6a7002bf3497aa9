import { expect } from 'chai';
import { ConfigError } from '../../packages/config/src/index.js';
import { enrolComponent } from '../../packages/directory-client/src/index.js';
import { directoryDepsFromEnv, runDirectoryCommand } from '../../cli/commands/directory.js';
import { codes, registrationFor, tempDir } from './fixtures.js';
import { useCliDirectory } from './cli-fixture.js';

describe('cli: tps directory approve|renew|revoke|list (F1)', () => {
  const cli = useCliDirectory();

  it('F1: lists, approves, renews and revokes a component through the admin REST API', async () => {
    const ks = tempDir();
    const registration = registrationFor(codes.agrComponent, codes.agrParty, 'AGR');
    await enrolComponent({ directory: { baseUrl: cli.dir.url }, keystoreDir: ks, registration }).catch(() => undefined);
    expect(await runDirectoryCommand('list', undefined, cli.deps)).to.equal(0);
    expect(cli.out.join('\n')).to.match(new RegExp(`${codes.agrComponent}\\s+pending`));

    expect(await runDirectoryCommand('approve', codes.agrComponent, cli.deps)).to.equal(0);
    const enrolled = await enrolComponent({ directory: { baseUrl: cli.dir.url }, keystoreDir: ks, registration });
    const serial = enrolled.identity.serial;
    expect(await runDirectoryCommand('renew', codes.agrComponent, cli.deps)).to.equal(0);
    expect((await enrolled.refresh()).serial).to.not.equal(serial);
    expect(await runDirectoryCommand('revoke', codes.agrComponent, cli.deps)).to.equal(0);
    cli.out = [];
    await runDirectoryCommand('list', undefined, cli.deps);
    expect(cli.out.join('\n')).to.match(new RegExp(`${codes.agrComponent}\\s+revoked`));
    expect(cli.err).to.deep.equal([]);
  });

  it('F1: a wrong token, an unknown code or a missing code exits 1 with a clear message', async () => {
    expect(await runDirectoryCommand('approve', codes.dsoComponent, { ...cli.deps, adminToken: 'wrong' })).to.equal(1);
    expect(cli.err.pop()).to.contain('admin token is not valid');
    expect(await runDirectoryCommand('approve', codes.otherComponent, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain(`no component ${codes.otherComponent}`);
    expect(await runDirectoryCommand('revoke', undefined, cli.deps)).to.equal(1);
    expect(cli.err.pop()).to.contain('code is required');
  });

  it('F1: reads TPS_DIRECTORY_URL and requires TPS_ADMIN_TOKEN (exit 2)', () => {
    const d = directoryDepsFromEnv({ TPS_DIRECTORY_URL: 'https://dir.example:8700', TPS_ADMIN_TOKEN: 't' });
    expect(d.url).to.equal('https://dir.example:8700');
    try {
      directoryDepsFromEnv({});
      expect.fail('accepted a missing admin token');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      expect((e as ConfigError).variable).to.equal('TPS_ADMIN_TOKEN');
    }
  });
});
