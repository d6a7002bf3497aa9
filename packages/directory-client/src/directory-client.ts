// The component side of the directory's REST API (see docs/directory.md for the routes).
import { DirectoryClientError, DirectoryClientErrorCode } from './client-error.js';
import { callJson, expectStatus, type HttpOptions } from './http-client.js';
import type {
  CertificatesResponse,
  DirectoryContent,
  EncryptionKeyRequest,
  MessagePath,
  RegistrationRequest,
  RegistrationResponse,
  RenewalRequest,
} from './wire-types.js';

export type PathRule = Omit<MessagePath, 'receiverCode'>;

export type DownloadResult = { notModified: true } | { notModified: false; content: DirectoryContent };

export class DirectoryClient {
  constructor(readonly http: HttpOptions) {}

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** The directory CA's certificate (trust anchor for every component certificate). */
  async caCertificate(): Promise<string> {
    const r = await callJson(this.http, 'GET', 'api/ca');
    expectStatus(r, [200], 'fetching the CA certificate');
    return (r.body as { caCertificate: string }).caCertificate;
  }

  async register(request: RegistrationRequest): Promise<RegistrationResponse> {
    const r = await callJson(this.http, 'POST', 'api/registrations', { body: request });
    expectStatus(r, [201], `registering ${request.code}`);
    return r.body as RegistrationResponse;
  }

  /** The component's valid certificates; PENDING_APPROVAL while an administrator has not approved it. */
  async certificates(code: string, token: string): Promise<CertificatesResponse> {
    const r = await callJson(this.http, 'GET', `api/components/${encodeURIComponent(code)}/certificates`, { token });
    if (r.status === 409 && (r.body as { componentStatus?: string } | undefined)?.componentStatus === 'pending') {
      throw new DirectoryClientError(DirectoryClientErrorCode.PendingApproval, `${code} is waiting for approval by a directory administrator`, 409);
    }
    expectStatus(r, [200], `fetching certificates of ${code}`);
    return r.body as CertificatesResponse;
  }

  /** Certificate renewal with a new key: issued at once for an approved component. */
  async renew(code: string, token: string, request: RenewalRequest): Promise<CertificatesResponse> {
    const r = await callJson(this.http, 'POST', `api/components/${encodeURIComponent(code)}/renewal`, { token, body: request });
    expectStatus(r, [201], `renewing certificates of ${code}`);
    return r.body as CertificatesResponse;
  }

  /**
   * Submits a new encryption key's CSR (F1/NF3). An approved component gets its certificate at
   * once (the answer lists it); a pending one when it is approved (answer undefined).
   */
  async certifyEncryptionKey(code: string, token: string, request: EncryptionKeyRequest): Promise<CertificatesResponse | undefined> {
    const r = await callJson(this.http, 'POST', `api/components/${encodeURIComponent(code)}/encryption-key`, { token, body: request });
    expectStatus(r, [201, 202], `certifying the encryption key of ${code}`);
    return r.status === 201 ? (r.body as CertificatesResponse) : undefined;
  }

  /** Replaces the message paths this component (as receiver) accepts. */
  async setMessagePaths(code: string, token: string, paths: PathRule[]): Promise<MessagePath[]> {
    const r = await callJson(this.http, 'PUT', `api/components/${encodeURIComponent(code)}/message-paths`, { token, body: { paths } });
    expectStatus(r, [200], `setting message paths of ${code}`);
    return (r.body as { paths: MessagePath[] }).paths;
  }

  /** Downloads the directory content unless it still has the version `etag` (HTTP 304). */
  async download(token: string, etag?: string): Promise<DownloadResult> {
    const r = await callJson(this.http, 'GET', 'api/directory', { token, headers: etag ? { 'if-none-match': `"${etag}"` } : {} });
    if (r.status === 304) return { notModified: true };
    expectStatus(r, [200], 'downloading the directory');
    const content = r.body as DirectoryContent;
    if (!content || typeof content.version !== 'string' || !Array.isArray(content.components) || !Array.isArray(content.certificates)) {
      throw new DirectoryClientError(DirectoryClientErrorCode.InvalidResponse, 'the directory content has an unexpected shape');
    }
    return { notModified: false, content };
  }
}
