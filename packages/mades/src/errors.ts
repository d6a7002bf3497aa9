// Errors of the messaging layer (F1). FAILED reasons are machine-readable codes: they travel in
// signed transport acknowledgements and are stored with the message's tracking status, so a
// caller or an operator can act on them without parsing prose.

/** Why a message ended FAILED. Stable strings: they are stored and sent over the wire. */
export const FailedReason = {
  /** Headers missing, of the wrong type or outside their allowed syntax. */
  MALFORMED_ENVELOPE: 'MALFORMED_ENVELOPE',
  /** Body larger than the configured maximum. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** Delivered to a component that is not the envelope's receiver. */
  WRONG_RECEIVER: 'WRONG_RECEIVER',
  /** The sender component is not in the directory (or not approved), or the certificate serial is not published. */
  SIGNER_UNKNOWN: 'SIGNER_UNKNOWN',
  /** The sender component or its signing certificate is revoked. */
  SIGNER_REVOKED: 'SIGNER_REVOKED',
  /** The signing certificate was valid when the message was created but is not valid now. */
  SIGNER_EXPIRED: 'SIGNER_EXPIRED',
  /** The signature does not verify against the published certificate (tampered header, wrong key). */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** The body does not match the signed SHA-256 digest (tampered payload). */
  DIGEST_MISMATCH: 'DIGEST_MISMATCH',
  /** The sender component does not represent the party named in the envelope / document. */
  SENDER_PARTY_MISMATCH: 'SENDER_PARTY_MISMATCH',
  /** The receiver does not accept this sender and business type (directory message path). */
  PATH_NOT_ALLOWED: 'PATH_NOT_ALLOWED',
  /** Time-to-live ran out before the receiver took the message (broker DLQ or receiver check). */
  TTL_EXPIRED: 'TTL_EXPIRED',
  /** The directory does not know the receiver component. */
  UNKNOWN_RECEIVER: 'UNKNOWN_RECEIVER',
  /** The broker could not route the message to any queue. */
  UNROUTABLE: 'UNROUTABLE',
  /** The same message ID arrived earlier with a different payload digest. */
  DUPLICATE_MESSAGE_ID: 'DUPLICATE_MESSAGE_ID',
  /** The receiving handler failed on every attempt. */
  HANDLER_ERROR: 'HANDLER_ERROR',
  /** The receiving application refused the payload (its own check, e.g. document party). */
  PAYLOAD_REJECTED: 'PAYLOAD_REJECTED',
  /** The broker dead-lettered the message for another reason (delivery limit, rejection). */
  DEAD_LETTERED: 'DEAD_LETTERED',
  /**
   * The signed, encrypted payload cannot be decrypted by the receiver: unknown encryption
   * certificate serial, wrong key, or ciphertext / IV / tag / wrapped key / ephemeral key that do
   * not authenticate. Nothing is stored.
   */
  DECRYPTION_FAILED: 'DECRYPTION_FAILED',
  /**
   * The business type requires encryption (policy) but the document travelled in clear (receiver
   * check), or the sender could not encrypt because the receiver publishes no valid encryption
   * certificate (send-time check).
   */
  ENCRYPTION_REQUIRED: 'ENCRYPTION_REQUIRED',
} as const;
export type FailedReason = (typeof FailedReason)[keyof typeof FailedReason];

export const MadesErrorCode = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  TRANSPORT_CLOSED: 'TRANSPORT_CLOSED',
  PUBLISH_FAILED: 'PUBLISH_FAILED',
  NOT_STARTED: 'NOT_STARTED',
} as const;
export type MadesErrorCode = (typeof MadesErrorCode)[keyof typeof MadesErrorCode];

export class MadesError extends Error {
  override name = 'MadesError';
  constructor(
    readonly code: MadesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Thrown by a receiving handler or payload check to end the message FAILED with a reason code, not retried. */
export class MessageRejectedError extends Error {
  override name = 'MessageRejectedError';
  constructor(
    readonly reason: FailedReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
