// The directory's REST payloads, shared by the service and this client so both sides agree on
// one shape. Published parts reuse the trust contract's types.
import type {
  ComponentStatus,
  ComponentType,
  MessagePath,
  PartyBinding,
  PublishedCertificate,
  PublishedComponent,
} from '../../trust/src/index.js';

export interface Contact {
  name?: string;
  email: string;
  phone?: string;
}

export interface RegistrationRequest {
  code: string;
  type: ComponentType;
  organisation: string;
  contact: Contact;
  parties: PartyBinding[];
  /** Defaults to `tps.inbox.<code>`. */
  inbox?: string;
  /** PKCS#10 PEM for the signing key (ECDSA P-256). */
  signingCsr: string;
  /** PKCS#10 PEM for the TLS authentication key (ECDSA P-256). */
  authenticationCsr: string;
  /**
   * PKCS#10 PEM for the payload encryption key (P-256, used for ECDH key agreement; the CSR's
   * self-signature proves possession). Optional only for clients from before message encryption:
   * such a component gets its encryption certificate through `POST …/encryption-key`.
   */
  encryptionCsr?: string;
}

export interface RegistrationResponse {
  code: string;
  status: ComponentStatus;
  /** Shown once: the component's own credential for component-side calls. Stored hashed. */
  componentToken: string;
}

/** What an administrator sees about a component. */
export interface ComponentRecord extends PublishedComponent {
  contact: Contact;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  revokedAt: string | null;
}

export interface CertificatesResponse {
  code: string;
  status: ComponentStatus;
  caCertificate: string;
  /** Currently valid, unrevoked certificates, newest first. */
  certificates: PublishedCertificate[];
}

export interface RenewalRequest {
  signingCsr: string;
  authenticationCsr?: string;
  encryptionCsr?: string;
}

/** A component certifies a (new) encryption key, e.g. one made for a keystore from before encryption. */
export interface EncryptionKeyRequest {
  encryptionCsr: string;
}

/** The content endpoints synchronise (F1): everything a verifier or router needs. */
/** `POST /api/admin/server-certificates` (issue 13): a TLS server certificate for a key the caller keeps. */
export interface ServerCertificateRequest {
  /** PKCS#10 PEM (ECDSA P-256); only its key is certified, its subject is ignored. */
  csr: string;
  /** DNS names and IP addresses the certificate carries as subjectAltName (1–20). */
  hosts: string[];
  /** Validity in days, 1–825 (default 365). */
  days?: number;
  /** Adds the clientAuth EKU (RabbitMQ cluster peers, shovels, federation). */
  clientAuth?: boolean;
}

export interface ServerCertificateResponse {
  certificatePem: string;
  /** The directory CA: what clients of that server pin. */
  caPem: string;
  serial: string;
  notAfter: string;
}

export interface DirectoryContent {
  /** Content hash; also the HTTP ETag. */
  version: string;
  generatedAt: string;
  caCertificate: string;
  components: PublishedComponent[];
  certificates: PublishedCertificate[];
  paths: MessagePath[];
  /**
   * Revoked signing certificates not yet past their notAfter (a CRL in the content), so a verifier
   * can answer SIGNER_REVOKED rather than SIGNER_UNKNOWN. Optional: content from an older
   * directory (or an older cache file) has none.
   */
  revokedCertificates?: RevokedCertificate[];
}

/** A revoked certificate as the directory publishes it: serial only, never a key. */
export interface RevokedCertificate {
  componentCode: string;
  /** Hex serial, as in PublishedCertificate. */
  serial: string;
  revokedAt: string;
  notAfter: string;
}

export type { MessagePath, PartyBinding, PublishedCertificate, PublishedComponent, ComponentStatus, ComponentType };
