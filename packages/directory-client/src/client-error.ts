export const DirectoryClientErrorCode = {
  /** The directory could not be reached (network, TLS, timeout). */
  Unreachable: 'DIRECTORY_UNREACHABLE',
  /** The directory answered with a 4xx/5xx problem. */
  Rejected: 'DIRECTORY_REJECTED',
  /** Registered, but no administrator has approved the component yet. */
  PendingApproval: 'PENDING_APPROVAL',
  /** The directory answered something this client cannot use. */
  InvalidResponse: 'INVALID_RESPONSE',
  /** The local keystore is unusable (e.g. key and certificate do not match). */
  Keystore: 'KEYSTORE_INVALID',
} as const;
export type DirectoryClientErrorCode = (typeof DirectoryClientErrorCode)[keyof typeof DirectoryClientErrorCode];

export class DirectoryClientError extends Error {
  override readonly name = 'DirectoryClientError';
  constructor(
    readonly code: DirectoryClientErrorCode,
    message: string,
    /** HTTP status and problem body when the directory answered. */
    readonly status?: number,
    readonly problem?: { code?: string; detail?: string; [k: string]: unknown },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
