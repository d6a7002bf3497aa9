import { expect } from 'chai';
import { loadPlatformConfig, ConfigError } from './index.js';

describe('configuration from the environment (foundation, NF2)', () => {
  it('has working defaults for the embedded platform', () => {
    const c = loadPlatformConfig({});
    expect(c.amqpUrl).to.equal(undefined);
    expect(c.databaseUrl).to.equal(undefined);
    expect(c.ports).to.deep.equal({ directory: 8700, core: 8701, agr: 8702, dso: 8703 });
    expect(c.assetListPageSize).to.equal(5_000);
    expect(loadPlatformConfig({ TPS_ASSET_LIST_PAGE_SIZE: '250' }).assetListPageSize).to.equal(250);
  });

  it('reads real-server URLs', () => {
    const c = loadPlatformConfig({ AMQP_URL: 'amqp://u:p@127.0.0.1:5672', DATABASE_URL: 'postgres://x@127.0.0.1/db' });
    expect(c.amqpUrl).to.equal('amqp://u:p@127.0.0.1:5672');
    expect(c.databaseUrl).to.equal('postgres://x@127.0.0.1/db');
  });

  const bad: Array<[Record<string, string>, string]> = [
    [{ TPS_CORE_PORT: 'eighty' }, 'TPS_CORE_PORT'],
    [{ TPS_AGR_PORT: '70000' }, 'TPS_AGR_PORT'],
    [{ AMQP_URL: 'http://127.0.0.1' }, 'AMQP_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TPS_DIRECTORY_AUTO_APPROVE: 'maybe' }, 'TPS_DIRECTORY_AUTO_APPROVE'],
    [{ TPS_AGR_PARTIES: '11XAGR-ALPHA---O,not-an-eic' }, 'TPS_AGR_PARTIES'],
    [{ TPS_CORE_CODE: 'core' }, 'TPS_CORE_CODE'],
    [{ TPS_ASSET_LIST_PAGE_SIZE: '0' }, 'TPS_ASSET_LIST_PAGE_SIZE'],
    [{ TPS_ASSET_LIST_PAGE_SIZE: '20000' }, 'TPS_ASSET_LIST_PAGE_SIZE'],
  ];
  for (const [env, variable] of bad) {
    it(`rejects a bad ${variable} with an error naming it and exit code 2`, () => {
      try {
        loadPlatformConfig(env);
        expect.fail('accepted a bad value');
      } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        expect((err as ConfigError).variable).to.equal(variable);
        expect((err as ConfigError).message.startsWith(variable + ':')).to.equal(true);
        expect((err as ConfigError).exitCode).to.equal(2);
      }
    });
  }
});
