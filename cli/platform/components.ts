// The four components and how each starts; shared by `tps start` and `tps serve`.
import type { PlatformConfig } from '../../packages/config/src/index.js';
import { createLogger } from '../../packages/http/src/index.js';
import { openComponentDatabase, type ComponentHandle, type ComponentName, type ComponentContext } from '../../packages/runtime/src/index.js';
import { startCore } from '../../broker/src/index.js';
import { startAgrEndpoint } from '../../endpoint-agr/src/index.js';
import { startDsoEndpoint } from '../../endpoint-dso/src/index.js';
import { startDirectoryComponent } from './directory-component.js';

type Starter = (ctx: ComponentContext) => Promise<ComponentHandle>;

const starters: Record<ComponentName, Starter> = {
  directory: startDirectoryComponent,
  core: startCore,
  agr: startAgrEndpoint,
  dso: startDsoEndpoint,
};

export const COMPONENT_NAMES = Object.keys(starters) as ComponentName[];

export function isComponentName(name: string): name is ComponentName {
  return (COMPONENT_NAMES as string[]).includes(name);
}

/** Opens the component's store, starts it, and closes the store with it. */
export async function startComponent(name: ComponentName, config: PlatformConfig, port = config.ports[name]): Promise<ComponentHandle> {
  const logger = createLogger(name, config.logLevel);
  const db = await openComponentDatabase(config, name);
  try {
    const handle = await starters[name]({ config, logger, db, host: config.host, port });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
