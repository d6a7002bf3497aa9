// AGR/BRP endpoint: component entry. Started by `tps start` (embedded) or `tps serve agr`.
// A REST facade (RAML, F2) that turns calls into documents for the TPS core through the
// Messenger, and documents from the core into REST resources (F4b, F7a, F8b).
import type { ComponentContext, ComponentHandle, Messenger } from '../../packages/runtime/src/index.js';
import { startRestFacade } from '../../packages/rest/src/index.js';
import { makeEic } from '../../packages/iec62325/src/index.js';
import { createAgrApp } from './app.js';

export { createAgrApp, AGR_RAML_FILE, type AgrApp, type AgrDeps } from './app.js';
export { agrMigrations } from './storage/migrations.js';
export { InboundDocumentError } from './inbound.js';

/** The demo platform's EIC when none is configured (TPS_CORE_PARTY overrides it). */
export const DEFAULT_CORE_PARTY = makeEic('10X', 'TPS-CORE');

export interface AgrEndpointOptions {
  /** EIC of the TPS core; default the configured TPS party (TPS_CORE_PARTY). */
  coreParty?: string;
}

export async function startAgrEndpoint(ctx: ComponentContext, messenger: Messenger, options: AgrEndpointOptions = {}): Promise<ComponentHandle> {
  return startRestFacade(
    ctx,
    messenger,
    'agr',
    async (deps) => {
      const facade = await createAgrApp(deps);
      return { app: facade.app, close: () => facade.close() };
    },
    options.coreParty,
  );
}
