import type { LightElement } from '../xml/light-tree.js';
import { REQUEST_ATTRIBUTE } from '../codes/market-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import type { StatusRequestDocument } from '../model/market-documents.types.js';
import type { TimeInterval } from '../time/esmp-time.js';
import { ElementCursor } from '../xml/element-cursor.js';
import { readParty } from '../xml/esmp-readers.js';
import { REQUESTED_DOCUMENT_TYPE } from './status-request.builder.js';
import { checkStatusRequest } from './status-request.checks.js';

const REQUESTED_OF_TYPE = new Map(Object.entries(REQUESTED_DOCUMENT_TYPE).map(([requested, type]) => [type as string, requested]));

/** Reads a profile-valid StatusRequest_MarketDocument: one DocumentType, any RegisteredResource, at most one TimeInterval. */
export function readStatusRequest(root: LightElement): StatusRequestDocument {
  const c = new ElementCursor(root, 'StatusRequest_MarketDocument');
  const mRID = c.text('mRID', false);
  c.element('type');
  const sender = readParty(c, 'sender');
  const receiver = readParty(c, 'receiver');
  const createdDateTime = c.text('createdDateTime');
  const requested: string[] = [];
  const assetIds: string[] = [];
  const intervals: TimeInterval[] = [];
  c.elements('AttributeInstanceComponent').forEach((element, i) => {
    const a = new ElementCursor(element, `${c.path}/AttributeInstanceComponent[${i + 1}]`);
    const attribute = a.text('attribute', false);
    const value = a.text('attributeValue', false);
    if (attribute === REQUEST_ATTRIBUTE.documentType) {
      const kind = REQUESTED_OF_TYPE.get(value);
      if (kind === undefined) {
        throw new DocumentError(DocumentErrorCode.InvalidContent, `DocumentType must be A95 (asset list) or A67 (schedules), got ${JSON.stringify(value)}`, { field: a.path });
      }
      requested.push(kind);
    } else if (attribute === REQUEST_ATTRIBUTE.registeredResource) {
      assetIds.push(value);
    } else {
      const [start = '', end = '', ...rest] = value.split('/');
      if (rest.length > 0) throw new DocumentError(DocumentErrorCode.InvalidTime, 'TimeInterval must be start/end', { field: a.path });
      intervals.push({ start, end });
    }
  });
  if (requested.length !== 1 || intervals.length > 1) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'a request has exactly one DocumentType and at most one TimeInterval', {
      field: `${c.path}/AttributeInstanceComponent`,
      reasonCode: requested.length === 0 ? 'A69' : '999',
    });
  }
  const doc: StatusRequestDocument = {
    mRID,
    sender,
    receiver,
    createdDateTime,
    requested: requested[0] as StatusRequestDocument['requested'],
    assetIds,
  };
  if (intervals[0] !== undefined) doc.interval = intervals[0];
  checkStatusRequest(doc);
  return doc;
}
