export type {
  PartyRole,
  ComponentType,
  ComponentStatus,
  PartyBinding,
  PublishedComponent,
  PublishedCertificate,
  MessagePath,
  DirectoryView,
  ComponentIdentity,
} from './directory-view.js';
