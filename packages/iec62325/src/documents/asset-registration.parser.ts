import type { LightElement } from '../xml/light-tree.js';
import type { QuantityUnit } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { AssetRegistrationDocument, AssetRegistrationEntry, AssetRemovalEntry } from '../model/registration-documents.types.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readCapabilities, readStandardHeader } from '../xml/esmp-readers.js';
import { ACTION_STATUS } from './asset-registration.builder.js';
import { checkAssetRegistration } from './asset-registration.checks.js';

const ACTION_OF_STATUS = new Map(Object.entries(ACTION_STATUS).map(([action, status]) => [status as string, action]));

function readEntry(element: LightElement, path: string, unit: QuantityUnit): AssetRegistrationEntry | AssetRemovalEntry {
  const r = new ElementCursor(element, path);
  const assetId = r.text('mRID', false);
  const action = ACTION_OF_STATUS.get(r.text('action_Status.value')) as AssetRegistrationEntry['action'] | 'remove';
  const name = r.optionalText('name', false);
  const operator = r.optionalText('operator_MarketParticipant.mRID', false);
  const connectionPoint = r.optionalText('marketEvaluationPoint.mRID', false);
  if (action === 'remove') {
    if (name !== undefined || operator !== undefined || connectionPoint !== undefined || r.hasMore()) {
      throw new DocumentError(DocumentErrorCode.InvalidContent, 'a removal (A16) carries only the asset mRID', { field: path });
    }
    return { action, assetId };
  }
  if (operator === undefined || connectionPoint === undefined) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `${action} needs the operator and the connection point`, { field: path, reasonCode: 'A69' });
  }
  const capabilities = readCapabilities(r, unit);
  const entry: AssetRegistrationEntry = { action, assetId, operator, connectionPoint, ...capabilities };
  if (name !== undefined) entry.name = name;
  return entry;
}

/** Reads a profile-valid AssetRegistration_MarketDocument and applies the F4 rules. */
export function readAssetRegistration(root: LightElement): AssetRegistrationDocument {
  const c = new ElementCursor(root, 'AssetRegistration_MarketDocument');
  const { mRID, revisionNumber, sender, receiver, createdDateTime } = readStandardHeader(c);
  const unit = c.text('quantity_Measurement_Unit.name') as QuantityUnit;
  const assets = c.elements('RegisteredResource').map((element, i) => readEntry(element, `${c.path}/RegisteredResource[${i + 1}]`, unit));
  const doc: AssetRegistrationDocument = { mRID, revisionNumber, sender, receiver, createdDateTime, unit, assets };
  checkAssetRegistration(doc);
  return doc;
}
