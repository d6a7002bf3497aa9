export type {
  PartyRole,
  ComponentType,
  ComponentStatus,
  PartyBinding,
  PublishedComponent,
  PublishedCertificate,
  MessagePath,
  DirectoryView,
  CertificateStatus,
  ComponentIdentity,
} from './directory-view.js';
