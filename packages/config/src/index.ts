export { ConfigError, ConfigErrorCode } from './config-error.js';
export { loadPlatformConfig, DEMO_PARTIES, type PlatformConfig, type ComponentIdentityConfig } from './platform-config.js';
export * as env from './env.js';
export { loadTlsConfig, isLoopbackHost, readPemFile, type TlsConfig } from './tls-config.js';
