// DSO endpoint: component entry. Started by `tps start` (embedded) or `tps serve dso`.
// A REST facade (RAML, F2) that turns a DSO's calls into documents for the TPS core through the
// Messenger, and documents from the core into REST resources (F4c, F5b, F6b, F9b).
import { makeEic } from '../../packages/iec62325/src/index.js';
import { startRestFacade } from '../../packages/rest/src/index.js';
import type { ComponentContext, ComponentHandle, Messenger } from '../../packages/runtime/src/index.js';
import { createDsoApp } from './app.js';

export { createDsoApp, RAML_FILE as DSO_RAML_FILE, type DsoApp } from './app.js';
export type { DsoDeps } from './deps.js';
export { dsoMigrations } from './storage/migrations.js';
export type { DsoDocumentCodec, InboundDocument, OutboundDocument } from './mapping/codec.js';

/** The demo platform's EIC when none is configured (TPS_CORE_PARTY overrides it); as the AGR endpoint. */
export const DEFAULT_CORE_PARTY = makeEic('10X', 'TPS-CORE');

export interface DsoEndpointOptions {
  /** EIC of the TPS core; default the configured TPS party (TPS_CORE_PARTY). */
  coreParty?: string;
}

export async function startDsoEndpoint(ctx: ComponentContext, messenger: Messenger, options: DsoEndpointOptions = {}): Promise<ComponentHandle> {
  return startRestFacade(
    ctx,
    messenger,
    'dso',
    async (deps) => {
      const facade = await createDsoApp(deps);
      return { app: facade.app, close: async () => undefined };
    },
    options.coreParty,
  );
}
