// The seven document kinds of the wire, each with its root element, namespace and the schema
// files: the project's profile in xsd/ (hot-path validation) and, where one exists, the official
// ENTSO-E schema it restricts (conformance tests).
export const DOCUMENT_KINDS = [
  'schedule',
  'capacity-limit',
  'status-request',
  'acknowledgement',
  'asset-registration',
  'connection-point-registration',
  'asset-list',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const NAMESPACE = {
  schedule: 'urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:2',
  capacityLimit: 'urn:iec62325.351:tc57wg16:451-6:outagedocument:4:1',
  statusRequest: 'urn:iec62325.351:tc57wg16:451-5:statusrequestdocument:4:1',
  acknowledgement: 'urn:iec62325.351:tc57wg16:451-1:acknowledgementdocument:9:0',
  assetRegistration: 'urn:tps:62325:assetregistrationdocument:1:0',
  connectionPointRegistration: 'urn:tps:62325:connectionpointregistrationdocument:1:0',
  assetList: 'urn:tps:62325:assetlistdocument:1:0',
} as const;

export interface DocumentSchema {
  root: string;
  namespace: string;
  /** The project's schema in xsd/. */
  profile: string;
  /** The official schema in the reference folder, if the document is an official one. */
  official?: string;
}

export const DOCUMENT_SCHEMAS: Record<DocumentKind, DocumentSchema> = {
  schedule: {
    root: 'GL_MarketDocument',
    namespace: NAMESPACE.schedule,
    profile: 'tps-profile-iec62325-451-6-generationload_v3_2.xsd',
    official: 'iec62325-451-6-generationload_v3_2.xsd',
  },
  'capacity-limit': {
    root: 'Unavailability_MarketDocument',
    namespace: NAMESPACE.capacityLimit,
    profile: 'tps-profile-iec62325-451-6-outage_v4_1.xsd',
    official: 'iec62325-451-6-outage_v4_1.xsd',
  },
  'status-request': {
    root: 'StatusRequest_MarketDocument',
    namespace: NAMESPACE.statusRequest,
    profile: 'tps-profile-iec62325-451-5-statusrequest_v4_1.xsd',
    official: 'iec62325-451-5-statusrequest_v4_1.xsd',
  },
  acknowledgement: {
    root: 'Acknowledgement_MarketDocument',
    namespace: NAMESPACE.acknowledgement,
    profile: 'tps-profile-iec62325-451-1-acknowledgement_v9_0.xsd',
    official: 'iec62325-451-1-acknowledgement_v9_0.xsd',
  },
  'asset-registration': {
    root: 'AssetRegistration_MarketDocument',
    namespace: NAMESPACE.assetRegistration,
    profile: 'tps-assetregistration_v1_0.xsd',
  },
  'connection-point-registration': {
    root: 'ConnectionPointRegistration_MarketDocument',
    namespace: NAMESPACE.connectionPointRegistration,
    profile: 'tps-connectionpointregistration_v1_0.xsd',
  },
  'asset-list': {
    root: 'AssetList_MarketDocument',
    namespace: NAMESPACE.assetList,
    profile: 'tps-assetlist_v1_0.xsd',
  },
};

const BY_ROOT = new Map<string, DocumentKind>(
  DOCUMENT_KINDS.map((kind) => [`{${DOCUMENT_SCHEMAS[kind].namespace}}${DOCUMENT_SCHEMAS[kind].root}`, kind]),
);

/** The kind of a root element, or undefined for any other root or namespace. */
export function kindOfRoot(namespace: string, localName: string): DocumentKind | undefined {
  return BY_ROOT.get(`{${namespace}}${localName}`);
}
