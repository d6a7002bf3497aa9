// Component-side routes: each needs the component's own token and, with mutual TLS (TPS_TLS on),
// its own authentication certificate as TLS client certificate. Certificates and the directory
// content go to approved components only; revoked ones are refused (F1).
import { Router, type Request } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { bearerToken, componentCodeOfToken, matchesHash } from '../auth.js';
import { buildDirectoryContent } from '../directory-content.js';
import type { DirectoryService } from '../directory-service.js';
import type { ComponentEntity } from '../model.js';
import { requireComponentCertificate } from '../mutual-tls.js';
import { encryptionKeySchema, parseBody, parseCode, pathsSchema, renewalSchema } from '../schemas.js';

export interface ComponentRouterOptions {
  /** Require the component's TLS client certificate besides its token (TPS_TLS on). */
  mutualTls?: boolean;
}

export function componentRouter(service: DirectoryService, options: ComponentRouterOptions = {}): Router {
  const r = Router();

  /**
   * The caller, authenticated by its token (and, with mutual TLS, its client certificate); with
   * a :code route it must be that component. `certificate: 'optional'` lets the enrolment fetch
   * its first certificates before it holds any (the answer is public: every member sees them).
   */
  async function caller(req: Request, certificate: 'required' | 'optional' = 'required'): Promise<ComponentEntity> {
    const token = bearerToken(req);
    const code = componentCodeOfToken(token);
    const c = code ? await service.components.find(service.db, code) : undefined;
    if (!c || !matchesHash(token, c.tokenHash)) throw HttpProblem.unauthorized('the component token is not valid');
    if (req.params.code !== undefined && parseCode(req.params.code) !== c.code) throw HttpProblem.forbidden('a component may only act for itself');
    if (c.status === 'revoked') throw HttpProblem.forbidden(`component ${c.code} is revoked`);
    if (options.mutualTls) await requireComponentCertificate(service, req, c, certificate === 'optional');
    return c;
  }

  function approved(c: ComponentEntity): ComponentEntity {
    if (c.status === 'pending') throw HttpProblem.conflict(`component ${c.code} is waiting for approval`, { componentStatus: 'pending' });
    if (c.status === 'revoked') throw HttpProblem.forbidden(`component ${c.code} is revoked`);
    return c;
  }

  r.get('/api/components/:code/certificates', async (req, res) => {
    const c = approved(await caller(req, 'optional'));
    res.json(await service.certificatesOf(c));
  });

  r.post('/api/components/:code/renewal', async (req, res) => {
    const c = approved(await caller(req));
    const body = parseBody(renewalSchema, req.body);
    await service.renewByComponent(c, body.signingCsr, body.authenticationCsr, body.encryptionCsr);
    res.status(201).json(await service.certificatesOf(c));
  });

  // F1/NF3: a (new) encryption key for a component registered before payload encryption. Pending
  // components may call it too (issued at approval: 202), revoked ones may not. Like the first
  // certificate fetch, it runs during enrolment, before the client presents a certificate: the
  // TLS client certificate is optional only while the component has no encryption certificate
  // yet, so a stolen token cannot replace the key of a component that has one.
  r.post('/api/components/:code/encryption-key', async (req, res) => {
    let c = await caller(req, 'optional');
    const now = new Date().toISOString();
    if ((await service.certificates.listValid(service.db, now, c.code)).some((x) => x.usage === 'encryption')) c = await caller(req);
    const body = parseBody(encryptionKeySchema, req.body);
    if (await service.certifyEncryptionKey(c, body.encryptionCsr)) res.status(201).json(await service.certificatesOf(c));
    else res.status(202).json({ code: c.code, status: c.status });
  });

  r.put('/api/components/:code/message-paths', async (req, res) => {
    const c = approved(await caller(req));
    const body = parseBody(pathsSchema, req.body);
    res.json({ paths: await service.setPaths(c.code, body.paths) });
  });

  r.get('/api/directory', async (req, res) => {
    approved(await caller(req));
    const content = await buildDirectoryContent(service);
    const etag = `"${content.version}"`;
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'no-cache');
    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === etag)) {
      res.status(304).end();
      return;
    }
    res.json(content);
  });

  return r;
}
