// Administrator routes (admin bearer token): list, inspect, approve, renew, revoke, and server
// certificates from the directory CA for hosts outside this process (issue 13).
import { Router, type Request } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import type { ComponentRecord } from '../../../packages/directory-client/src/index.js';
import { requireAdmin, sha256Hex } from '../auth.js';
import type { DirectoryService } from '../directory-service.js';
import type { ComponentEntity } from '../model.js';
import { parseBody, parseCode, serverCertificateSchema } from '../schemas.js';

export function adminRouter(service: DirectoryService, adminToken: string | undefined): Router {
  const r = Router();
  const adminHash = adminToken ? sha256Hex(adminToken) : undefined;
  const guard = (req: Request) => requireAdmin(adminHash, req);

  r.get('/api/admin/components', async (req, res) => {
    guard(req);
    const status = req.query.status;
    if (status !== undefined && status !== 'pending' && status !== 'approved' && status !== 'revoked') {
      throw HttpProblem.badRequest('status must be pending, approved or revoked', [{ field: 'status', message: String(status) }]);
    }
    const list = await service.components.list(service.db, status);
    res.json({ components: list.map(toRecord) });
  });

  r.get('/api/admin/components/:code', async (req, res) => {
    guard(req);
    const c = await service.mustFind(parseCode(req.params.code));
    res.json({ ...toRecord(c), certificates: (await service.certificatesOf(c)).certificates });
  });

  r.post('/api/admin/components/:code/approve', async (req, res) => {
    guard(req);
    res.json(toRecord(await service.approve(parseCode(req.params.code))));
  });

  r.post('/api/admin/components/:code/renew', async (req, res) => {
    guard(req);
    res.json(toRecord(await service.renewByAdmin(parseCode(req.params.code))));
  });

  r.post('/api/admin/components/:code/revoke', async (req, res) => {
    guard(req);
    res.json(toRecord(await service.revoke(parseCode(req.params.code))));
  });

  r.post('/api/admin/server-certificates', async (req, res) => {
    guard(req);
    const body = parseBody(serverCertificateSchema, req.body);
    res.status(201).json(await service.issueServerCertificate(body));
  });

  return r;
}

/** What an administrator sees: never the token digest or the CSRs. */
function toRecord(c: ComponentEntity): ComponentRecord {
  return {
    code: c.code,
    type: c.type,
    organisation: c.organisation,
    contact: c.contact,
    parties: c.parties,
    inbox: c.inbox,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    approvedAt: c.approvedAt,
    revokedAt: c.revokedAt,
  };
}
