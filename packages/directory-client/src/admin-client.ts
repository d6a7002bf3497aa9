// The administrator side of the directory's REST API, used by `tps directory …`.
import { callJson, expectStatus, type HttpOptions } from './http-client.js';
import type { CertificatesResponse, ComponentRecord, ComponentStatus, ServerCertificateRequest, ServerCertificateResponse } from './wire-types.js';

export class DirectoryAdminClient {
  constructor(
    readonly http: HttpOptions,
    private readonly adminToken: string,
  ) {}

  async list(status?: ComponentStatus): Promise<ComponentRecord[]> {
    const r = await callJson(this.http, 'GET', `api/admin/components${status ? `?status=${status}` : ''}`, { token: this.adminToken });
    expectStatus(r, [200], 'listing components');
    return (r.body as { components: ComponentRecord[] }).components;
  }

  async get(code: string): Promise<ComponentRecord & { certificates: CertificatesResponse['certificates'] }> {
    const r = await callJson(this.http, 'GET', `api/admin/components/${encodeURIComponent(code)}`, { token: this.adminToken });
    expectStatus(r, [200], `reading ${code}`);
    return r.body as ComponentRecord & { certificates: CertificatesResponse['certificates'] };
  }

  /** Approves a pending component; the CA issues its certificates. */
  approve(code: string): Promise<ComponentRecord> {
    return this.action(code, 'approve');
  }

  /** Re-issues the component's certificates for its current keys; old ones stay published until they expire. */
  renew(code: string): Promise<ComponentRecord> {
    return this.action(code, 'renew');
  }

  /** Revokes the component and all its certificates; endpoints stop accepting it after their next sync. */
  revoke(code: string): Promise<ComponentRecord> {
    return this.action(code, 'revoke');
  }

  /**
   * Has the directory CA certify a server key for the given host names (issue 13). The caller
   * generated the key and sends only the CSR: the private key never leaves this process.
   */
  async serverCertificate(request: ServerCertificateRequest): Promise<ServerCertificateResponse> {
    const r = await callJson(this.http, 'POST', 'api/admin/server-certificates', { token: this.adminToken, body: request });
    expectStatus(r, [201], `server certificate for ${request.hosts.join(',')}`);
    return r.body as ServerCertificateResponse;
  }

  private async action(code: string, verb: 'approve' | 'renew' | 'revoke'): Promise<ComponentRecord> {
    const r = await callJson(this.http, 'POST', `api/admin/components/${encodeURIComponent(code)}/${verb}`, { token: this.adminToken });
    expectStatus(r, [200], `${verb} ${code}`);
    return r.body as ComponentRecord;
  }
}
