// The narrow look-ups rules may make (STYLE.md "support interfaces"): rules never see knex, so
// each is testable with an in-memory fake.
import type { Asset } from './types.js';

export interface RegistrySupport {
  findAsset(assetId: string): Promise<Asset | undefined>;
  /** The DSO that owns a connection point, if any DSO registered it. */
  findConnectionPointOwner(connectionPoint: string): Promise<string | undefined>;
  /** True if the party operates at least one asset (it acts as AGR/BRP). */
  operatesAssets(party: string): Promise<boolean>;
  /** True if the party owns at least one connection point (it acts as DSO). */
  ownsConnectionPoints(party: string): Promise<boolean>;
}
