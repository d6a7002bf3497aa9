// The contract between the component directory (who is on the platform, which keys speak for
// them, who may send what to whom) and everything that signs, verifies or routes messages.
// The directory client implements it from its synchronised cache; the messaging layer only
// reads it. Kept in its own package so neither side depends on the other (F1).
import type { KeyObject, X509Certificate } from 'node:crypto';

export type PartyRole = 'AGR' | 'DSO' | 'TPS';
export type ComponentType = 'TPS_CORE' | 'ENDPOINT';
export type ComponentStatus = 'pending' | 'approved' | 'revoked';

export interface PartyBinding {
  /** EIC code of the market party (codingScheme A01). */
  party: string;
  role: PartyRole;
}

export interface PublishedComponent {
  /** EIC-style component code, e.g. 10V000000000001X. Also its AMQP routing key. */
  code: string;
  type: ComponentType;
  organisation: string;
  parties: PartyBinding[];
  /** Name of its inbox queue on the broker. */
  inbox: string;
  status: ComponentStatus;
}

export interface PublishedCertificate {
  componentCode: string;
  /** Hex serial number; envelopes name the serial they were signed with (renewal overlap). */
  serial: string;
  usage: 'signing' | 'authentication' | 'encryption';
  pem: string;
  notBefore: string;
  notAfter: string;
}

export interface MessagePath {
  /** Receiver-defined, as in ECP. */
  receiverCode: string;
  /** '*' or a component code. */
  sender: string;
  /** Exact business type or a prefix ending in '*'. */
  businessType: string;
  validFrom?: string;
  validUntil?: string;
}

/**
 * Why a certificate is or is not usable at a given time (F1): lets a verifier report SIGNER_REVOKED
 * or SIGNER_EXPIRED instead of SIGNER_UNKNOWN.
 */
export type CertificateStatus = 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'unknown';

/** A read-only, synchronised view of the directory. Every method answers from memory. */
export interface DirectoryView {
  component(code: string): PublishedComponent | undefined;
  /** The approved component that represents a party, if any. */
  componentForParty(party: string): PublishedComponent | undefined;
  /** Signing certificates of an approved component valid at `at` (old and new during renewal). */
  signingCertificates(componentCode: string, at?: Date): X509Certificate[];
  /** The certificate with this serial, if it is published, unrevoked and valid at `at`. */
  signingCertificate(componentCode: string, serial: string, at?: Date): X509Certificate | undefined;
  /**
   * Encryption certificates (key agreement, P-256) of an approved component valid at `at`, newest
   * first: a sender wraps each message's content key for the first one (F1/NF3, MADES-style
   * payload encryption). Empty when the component has none (registered before encryption).
   */
  encryptionCertificates(componentCode: string, at?: Date): X509Certificate[];
  /** True when the receiver accepts this sender and business type at `at`. */
  isPathAllowed(receiverCode: string, senderCode: string, businessType: string, at?: Date): boolean;
  /** Content version of the directory this view was built from. */
  readonly version: string;
  /**
   * Optional: the state of certificate `serial` of a component at `at` — 'revoked' for a revoked
   * component or a published revoked serial, 'expired' / 'not-yet-valid' outside its validity,
   * 'unknown' when the view has never seen it. Views without it make verifiers report a revoked
   * certificate as unknown.
   */
  certificateStatus?(componentCode: string, serial: string, at: Date): CertificateStatus;
  /**
   * Optional: bring the view up to date with the directory now (ECP: sync on an unknown sender).
   * Resolves once a download that started after the call has finished — or failed, which is
   * logged, not thrown. Implementations rate-limit it; callers decide once it resolved.
   */
  refresh?(): Promise<void>;
}

/** What a component holds for itself: its private key never leaves it. */
export interface ComponentIdentity {
  code: string;
  signingKey: KeyObject;
  signingCertificate: X509Certificate;
  /** Serial of the signing certificate, as published. */
  serial: string;
  /** Private P-256 key whose certificate senders encrypt for (ECDH-ES key agreement). */
  encryptionKey: KeyObject;
  /** Serial of the newest encryption certificate for `encryptionKey`, upper-case hex. */
  encryptionSerial: string;
  /**
   * Every private key this component can still decrypt with, by upper-case certificate serial
   * (the current one and older ones whose certificates are still valid: renewal overlap).
   * Optional: without it only `encryptionSerial` is accepted.
   */
  decryptionKeys?: ReadonlyMap<string, KeyObject>;
}
