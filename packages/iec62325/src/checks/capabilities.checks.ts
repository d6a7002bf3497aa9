import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { AssetCapabilities } from '../model/common.types.js';

// F4 capabilities: produces and/or consumes, with the maximum power each way; a maximum is
// positive exactly when its capability is set (and 0 otherwise).
export function checkCapabilities(asset: AssetCapabilities, field: string): void {
  if (typeof asset.produces !== 'boolean' || typeof asset.consumes !== 'boolean' || (!asset.produces && !asset.consumes)) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'an asset produces, consumes or both', { field: `${field}/pSRType.psrType` });
  }
  const check = (flag: boolean, watts: number, name: string): void => {
    const ok = Number.isSafeInteger(watts) && (flag ? watts > 0 : watts === 0);
    if (!ok) {
      throw new DocumentError(
        DocumentErrorCode.InvalidQuantity,
        flag ? `must be a positive integer number of watts, got ${JSON.stringify(watts)}` : `must be 0 when the capability is not set, got ${JSON.stringify(watts)}`,
        { field: `${field}/${name}` },
      );
    }
  };
  check(asset.produces, asset.maxProductionW, 'maximumProduction_Quantity.quantity');
  check(asset.consumes, asset.maxConsumptionW, 'maximumConsumption_Quantity.quantity');
}
