import { MARKET_ROLES, QUANTITY_UNITS, type QuantityUnit } from '../codes/market-codes.js';
import { isReasonCode, type ReasonCode } from '../codes/reason-codes.js';
import { DocumentError, DocumentErrorCode } from '../errors/document-error.js';
import { EIC_ASSET_TYPE, EIC_PARTY_TYPE, isValidEicOfType } from '../identifiers/eic.js';
import { isValidGsrn } from '../identifiers/gsrn.js';
import type { DocumentHeader, MarketParticipant, Reason, RevisedDocumentHeader } from '../model/common.types.js';
import { parseEsmpDateTime } from '../time/esmp-time.js';
import { escapeXml } from '../xml/xml-writer.js';

// Semantic rules shared by every document, applied to the typed document: by the builders before
// writing (so the platform never emits a document its peers would reject) and by the parsers
// after reading (what XSD cannot express: check characters, calendar, ordering, uniqueness).
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/;

export function checkId(id: unknown, field: string): void {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not a valid mRID (1-60 of [A-Za-z0-9._:-]): ${JSON.stringify(id)}`, { field, reasonCode: '999' });
  }
}

export function checkRevision(revision: unknown, field: string): void {
  if (!Number.isInteger(revision) || (revision as number) < 1 || (revision as number) > 999) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `revisionNumber must be an integer 1..999, got ${JSON.stringify(revision)}`, { field, reasonCode: 'A51' });
  }
}

export function checkPartyId(id: unknown, field: string, reasonCode: ReasonCode): void {
  if (!isValidEicOfType(id, EIC_PARTY_TYPE)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not a party EIC (X-code with a valid check character): ${JSON.stringify(id)}`, { field, reasonCode });
  }
}

export function checkParty(party: MarketParticipant, field: string, reasonCode: ReasonCode): void {
  if (party === null || typeof party !== 'object') {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'missing party', { field, reasonCode });
  }
  checkPartyId(party.mRID, `${field}_MarketParticipant.mRID`, reasonCode);
  if (!MARKET_ROLES.includes(party.role)) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `unsupported market role ${JSON.stringify(party.role)}`, { field: `${field}_MarketParticipant.marketRole.type`, reasonCode });
  }
}

export function checkAssetId(id: unknown, field: string): void {
  if (!isValidEicOfType(id, EIC_ASSET_TYPE)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not an asset EIC (W-code with a valid check character): ${JSON.stringify(id)}`, { field, reasonCode: 'A64' });
  }
}

export function checkConnectionPoint(id: unknown, field: string): void {
  if (!isValidGsrn(id)) {
    throw new DocumentError(DocumentErrorCode.InvalidIdentifier, `not a GSRN (18 digits with a valid check digit): ${JSON.stringify(id)}`, { field, reasonCode: 'A64' });
  }
}

export function checkUnit(unit: unknown, field: string): asserts unit is QuantityUnit {
  if (!QUANTITY_UNITS.includes(unit as QuantityUnit)) {
    throw new DocumentError(DocumentErrorCode.InvalidQuantity, `unsupported unit ${JSON.stringify(unit)} (KWT or MAW)`, { field });
  }
}

/** Free text: at most `max` characters XML can carry. */
export function checkText(text: unknown, max: number, field: string): void {
  if (typeof text !== 'string' || text.length > max) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, `must be a text of at most ${max} characters`, { field });
  }
  escapeXml(text, field);
}

export function checkReasons(reasons: readonly Reason[], field: string): void {
  if (!Array.isArray(reasons)) throw new DocumentError(DocumentErrorCode.InvalidContent, 'reasons must be an array', { field });
  reasons.forEach((reason, i) => {
    if (reason === null || typeof reason !== 'object' || !isReasonCode(reason.code)) {
      throw new DocumentError(DocumentErrorCode.InvalidContent, `unsupported reason code ${JSON.stringify(reason?.code)}`, { field: `${field}[${i + 1}]/code` });
    }
    if (reason.text !== undefined) checkText(reason.text, 512, `${field}[${i + 1}]/text`);
  });
}

/** Identifiers that must be unique within a document (e.g. series mRIDs, assets). */
export function checkUnique(ids: readonly string[], field: string, what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new DocumentError(DocumentErrorCode.DuplicateIdentifier, `${what} ${id} appears more than once`, { field });
    }
    seen.add(id);
  }
}

export function checkNonEmpty(items: unknown, field: string): void {
  if (!Array.isArray(items) || items.length === 0) {
    throw new DocumentError(DocumentErrorCode.InvalidContent, 'must contain at least one entry', { field, reasonCode: 'A69' });
  }
}

export function checkHeader(doc: DocumentHeader, root: string): void {
  if (doc === null || typeof doc !== 'object') throw new DocumentError(DocumentErrorCode.InvalidContent, 'not a document', { field: root });
  checkId(doc.mRID, `${root}/mRID`);
  checkParty(doc.sender, `${root}/sender`, 'A78');
  checkParty(doc.receiver, `${root}/receiver`, 'A53');
  parseEsmpDateTime(doc.createdDateTime, `${root}/createdDateTime`);
}

export function checkRevisedHeader(doc: RevisedDocumentHeader, root: string): void {
  checkHeader(doc, root);
  checkRevision(doc.revisionNumber, `${root}/revisionNumber`);
}
