// What an HTTPS server needs. Certificates come from the component directory's CA (issue 13):
// the platform issues them (or reads the operator's files) and hands them to `listen`.
export interface ServerTls {
  keyPem: string;
  certPem: string;
  /** Trust anchor for client certificates (the directory CA). */
  caPem?: string;
  /** Ask clients for a certificate (mutual TLS); routes decide whether one is required. */
  requestClientCertificate?: boolean;
  /** Names the certificate carries; the first is shown in URLs when binding a wildcard address. */
  hostnames?: string[];
}
