import { expect } from 'chai';
import { ConfigError, loadPlatformConfig } from '../../packages/config/src/index.js';
import { directoryConfigFrom } from './directory-config.js';

describe('directory: configuration from the environment (F1, NF2)', () => {
  it('F1: defaults to 365-day certificates, HTTP on loopback, no auto-approve', () => {
    const c = directoryConfigFrom(loadPlatformConfig({}), {});
    expect(c.certificateValiditySeconds).to.equal(365 * 86_400);
    expect(c.tls).to.equal(false);
    expect(c.autoApprove).to.equal(false);
    expect(c.adminToken).to.equal(undefined);
  });

  it('F1: reads validity, TLS and host names, and names a bad variable', () => {
    const env = { TPS_DIRECTORY_CERT_DAYS: '30', TPS_DIRECTORY_TLS: 'true', TPS_DIRECTORY_TLS_HOSTNAMES: 'directory, 10.0.0.5', TPS_ADMIN_TOKEN: 'x', TPS_DIRECTORY_AUTO_APPROVE: 'true' };
    const c = directoryConfigFrom(loadPlatformConfig(env), env);
    expect(c).to.deep.include({ certificateValiditySeconds: 30 * 86_400, tls: true, tlsHostnames: ['directory', '10.0.0.5'], adminToken: 'x', autoApprove: true });
    for (const bad of [{ TPS_DIRECTORY_CERT_DAYS: '0' }, { TPS_DIRECTORY_TLS: 'perhaps' }, { TPS_DIRECTORY_TLS_HOSTNAMES: 'a b' }]) {
      expect(() => directoryConfigFrom(loadPlatformConfig({}), bad)).to.throw(ConfigError, Object.keys(bad)[0]!);
    }
  });
});
