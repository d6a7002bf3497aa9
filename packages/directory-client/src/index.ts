// Client library of the component directory, used by every component (F1).
export { DirectoryClient, type DownloadResult, type PathRule } from './directory-client.js';
export { DirectoryAdminClient } from './admin-client.js';
export { DirectoryClientError, DirectoryClientErrorCode } from './client-error.js';
export type { HttpOptions } from './http-client.js';
export { enrolComponent, EnrolledComponent, type EnrolOptions } from './enrol.js';
export { Keystore, type KeystoreCertificates, type KeystoreCredentials } from './keystore.js';
export { DirectorySync, type DirectorySyncOptions, type SyncStats } from './directory-sync.js';
export { SnapshotView } from './snapshot-view.js';
export { businessTypeMatches, pathMatches } from './path-match.js';
export { isValidEic, eicWithCheck, eicCheckCharacter } from './eic.js';
export { generateKeyAndCsr, type GeneratedKey } from './keys.js';
export { EC_ALGORITHM, x509 } from './x509-provider.js';
export type * from './wire-types.js';
