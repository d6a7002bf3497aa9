import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase } from '../../packages/storage/src/index.js';
import { ConfigError } from '../../packages/config/src/index.js';
import { createLogger } from '../../packages/http/src/index.js';
import { DirectoryClient, DirectoryClientErrorCode, enrolComponent, type DirectoryClientError } from '../../packages/directory-client/src/index.js';
import { defaultDirectoryConfig, startDirectory, type RunningDirectory } from '../src/index.js';
import { codes, registrationFor, startTestDirectory, tempDir } from './fixtures.js';

describe('directory: REST over HTTPS with a certificate from its own CA (F1)', () => {
  let db: Knex;
  let dir: RunningDirectory;
  before(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    dir = await startTestDirectory(db, { tls: true, autoApprove: true, tlsHostnames: ['127.0.0.1', 'localhost'] });
  });
  after(async () => {
    await dir.close();
    await db.destroy();
  });

  it('F1: a component that pins the directory CA enrols over HTTPS', async () => {
    expect(dir.url.startsWith('https://')).to.equal(true);
    const enrolled = await enrolComponent({
      directory: { baseUrl: dir.url, caPem: dir.caCertificate },
      keystoreDir: tempDir(),
      registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR'),
    });
    expect(enrolled.identity.code).to.equal(codes.agrComponent);
  });

  it('F1: without the CA the TLS handshake fails (no silent fallback to trusting anyone)', async () => {
    const err = (await new DirectoryClient({ baseUrl: dir.url }).caCertificate().catch((e: unknown) => e)) as DirectoryClientError;
    expect(err.code).to.equal(DirectoryClientErrorCode.Unreachable);
    expect(err.message).to.match(/certificate/i);
  });

  it('F1: plain HTTP is refused on a non-loopback address unless explicitly allowed', async () => {
    const err = await startDirectory({ db, config: defaultDirectoryConfig(), logger: createLogger('directory', 'silent'), port: 0, host: '0.0.0.0' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as ConfigError).variable).to.equal('TPS_DIRECTORY_TLS');
  });
});
