import { CODING_SCHEME, MESSAGE_TYPE, REQUEST_ATTRIBUTE } from '../codes/market-codes.js';
import type { StatusRequestDocument } from '../model/market-documents.types.js';
import { NAMESPACE } from '../schema/document-kinds.js';
import { writeParty } from '../xml/esmp-writers.js';
import { XmlWriter, type WriteOptions } from '../xml/xml-writer.js';
import { checkStatusRequest } from './status-request.checks.js';

/** The DocumentType value of each request: the asset list is a configuration document (A95), schedules are GL documents (A67). */
export const REQUESTED_DOCUMENT_TYPE = { 'asset-list': MESSAGE_TYPE.configuration, schedules: MESSAGE_TYPE.schedule } as const;

function component(w: XmlWriter, attribute: string, value: string, codingScheme?: string): void {
  w.open('AttributeInstanceComponent')
    .leaf('attribute', attribute)
    .leaf('attributeValue', value, codingScheme === undefined ? undefined : { name: 'codingScheme', value: codingScheme })
    .close('AttributeInstanceComponent');
}

/** StatusRequest_MarketDocument (F5, F9): what is requested, for which assets, in which window. */
export function buildStatusRequest(doc: StatusRequestDocument, options?: WriteOptions): string {
  checkStatusRequest(doc);
  const w = new XmlWriter(options).root('StatusRequest_MarketDocument', NAMESPACE.statusRequest);
  w.leaf('mRID', doc.mRID).leaf('type', MESSAGE_TYPE.statusRequest);
  writeParty(w, 'sender', doc.sender);
  writeParty(w, 'receiver', doc.receiver);
  w.leaf('createdDateTime', doc.createdDateTime);
  component(w, REQUEST_ATTRIBUTE.documentType, REQUESTED_DOCUMENT_TYPE[doc.requested]);
  for (const assetId of doc.assetIds) component(w, REQUEST_ATTRIBUTE.registeredResource, assetId, CODING_SCHEME.eic);
  if (doc.interval !== undefined) component(w, REQUEST_ATTRIBUTE.timeInterval, `${doc.interval.start}/${doc.interval.end}`);
  return w.close('StatusRequest_MarketDocument').toString();
}
