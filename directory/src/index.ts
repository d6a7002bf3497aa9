// The component directory (F1): registration with approval, CA, routing, paths, sync, revocation.
export { startDirectory, isLoopback, type StartDirectoryOptions, type RunningDirectory } from './start-directory.js';
export { createDirectoryApp, type DirectoryApp, type DirectoryDeps } from './directory-app.js';
export { directoryConfigFrom, defaultDirectoryConfig, DEFAULT_CERTIFICATE_VALIDITY_SECONDS, type DirectoryConfig } from './directory-config.js';
export { DirectoryService } from './directory-service.js';
export { buildDirectoryContent } from './directory-content.js';
export { CertificateAuthority } from './ca/certificate-authority.js';
export { directoryMigrations } from './storage/migrations.js';
