// Public routes: anyone may ask to join (an administrator decides) and read the CA certificate.
import { Router } from 'express';
import type { RegistrationResponse } from '../../../packages/directory-client/src/index.js';
import type { DirectoryService } from '../directory-service.js';
import { parseBody, registrationSchema } from '../schemas.js';

export function registrationRouter(service: DirectoryService): Router {
  const r = Router();

  r.get('/api/ca', (_req, res) => {
    res.json({ caCertificate: service.ca.certificatePem });
  });

  r.post('/api/registrations', async (req, res) => {
    const body = parseBody(registrationSchema, req.body);
    const { component, componentToken } = await service.register(body);
    const out: RegistrationResponse = { code: component.code, status: component.status, componentToken };
    res.status(201).location(`/api/components/${component.code}/certificates`).json(out);
  });

  return r;
}
