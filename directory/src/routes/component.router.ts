// Component-side routes: each needs the component's own token. Certificates and the directory
// content go to approved components only; revoked ones are refused (F1).
import { Router, type Request } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';
import { bearerToken, componentCodeOfToken, matchesHash } from '../auth.js';
import { buildDirectoryContent } from '../directory-content.js';
import type { DirectoryService } from '../directory-service.js';
import type { ComponentEntity } from '../model.js';
import { parseBody, parseCode, pathsSchema, renewalSchema } from '../schemas.js';

export function componentRouter(service: DirectoryService): Router {
  const r = Router();

  /** The caller, authenticated by its token; with a :code route it must be that component. */
  async function caller(req: Request): Promise<ComponentEntity> {
    const token = bearerToken(req);
    const code = componentCodeOfToken(token);
    const c = code ? await service.components.find(service.db, code) : undefined;
    if (!c || !matchesHash(token, c.tokenHash)) throw HttpProblem.unauthorized('the component token is not valid');
    if (req.params.code !== undefined && parseCode(req.params.code) !== c.code) throw HttpProblem.forbidden('a component may only act for itself');
    return c;
  }

  function approved(c: ComponentEntity): ComponentEntity {
    if (c.status === 'pending') throw HttpProblem.conflict(`component ${c.code} is waiting for approval`, { componentStatus: 'pending' });
    if (c.status === 'revoked') throw HttpProblem.forbidden(`component ${c.code} is revoked`);
    return c;
  }

  r.get('/api/components/:code/certificates', async (req, res) => {
    const c = approved(await caller(req));
    res.json(await service.certificatesOf(c));
  });

  r.post('/api/components/:code/renewal', async (req, res) => {
    const c = approved(await caller(req));
    const body = parseBody(renewalSchema, req.body);
    await service.renewByComponent(c, body.signingCsr, body.authenticationCsr);
    res.status(201).json(await service.certificatesOf(c));
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
