// What the directory stores, as plain types (repositories map rows to these; nothing else sees knex).
import type { ComponentStatus, ComponentType, MessagePath, PartyBinding } from '../../packages/trust/src/index.js';
import type { Contact } from '../../packages/directory-client/src/wire-types.js';

export interface ComponentEntity {
  code: string;
  type: ComponentType;
  organisation: string;
  contact: Contact;
  inbox: string;
  status: ComponentStatus;
  /** SHA-256 (hex) of the component token; the token itself is never stored. */
  tokenHash: string;
  /** Latest CSRs: the public keys an admin `renew` re-certifies. */
  signingCsr: string;
  authenticationCsr: string;
  /** Null for a component registered before payload encryption that has not submitted one yet. */
  encryptionCsr: string | null;
  parties: PartyBinding[];
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  revokedAt: string | null;
}

export type CertificateUsage = 'signing' | 'authentication' | 'encryption';

export interface CertificateEntity {
  serial: string;
  componentCode: string;
  usage: CertificateUsage;
  pem: string;
  notBefore: string;
  notAfter: string;
  seq: number;
  revokedAt: string | null;
}

export type StoredPath = MessagePath;
