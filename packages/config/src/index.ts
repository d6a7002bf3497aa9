export { ConfigError, ConfigErrorCode } from './config-error.js';
export { loadPlatformConfig, type PlatformConfig } from './platform-config.js';
export * as env from './env.js';
