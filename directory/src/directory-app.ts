// App factory (createDirectoryApp) so HTTP tests run in-process against a real database.
import type { Express } from 'express';
import type { Knex } from 'knex';
import { createBaseApp, type Logger } from '../../packages/http/src/index.js';
import { migrate } from '../../packages/storage/src/index.js';
import { CertificateAuthority } from './ca/certificate-authority.js';
import type { DirectoryConfig } from './directory-config.js';
import { DirectoryService } from './directory-service.js';
import { adminRouter } from './routes/admin.router.js';
import { componentRouter } from './routes/component.router.js';
import { registrationRouter } from './routes/registration.router.js';
import { CaRepository } from './storage/ca.repository.js';
import { directoryMigrations } from './storage/migrations.js';
import { restRateLimit } from '../../packages/rest/src/index.js';

export interface DirectoryDeps {
  db: Knex;
  config: DirectoryConfig;
  logger: Logger;
  now?: () => Date;
}

export interface DirectoryApp {
  app: Express;
  service: DirectoryService;
  ca: CertificateAuthority;
}

/** Migrates, loads (or creates) the CA, and wires the routes. */
export async function createDirectoryApp(deps: DirectoryDeps): Promise<DirectoryApp> {
  await migrate(deps.db, 'directory', directoryMigrations);
  const ca = await CertificateAuthority.loadOrCreate(deps.db, new CaRepository());
  const service = new DirectoryService(deps.db, ca, deps.config, deps.logger, deps.now);
  const base = createBaseApp({
    component: 'directory',
    logger: deps.logger,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    health: {
      db: async () => {
        await deps.db.raw('select 1');
        return { ok: true };
      },
    },
  });
  // Issue 13: registration, component and admin routes are rate-limited like the REST facades
  // (per token, per client IP without one; 429 problem+json).
  base.app.use(restRateLimit({ perMinute: deps.config.rateLimitPerMinute }));
  base.app.use(registrationRouter(service));
  base.app.use(componentRouter(service, { mutualTls: deps.config.mutualTls }));
  base.app.use(adminRouter(service, deps.config.adminToken));
  return { app: base.finish(), service, ca };
}
