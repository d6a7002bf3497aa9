import type { AssetCapabilities, QuantityUnit, RevisedDocumentHeader } from './common.types.js';

/** Register or update one asset (F4): every field an asset has. */
export interface AssetRegistrationEntry extends AssetCapabilities {
  action: 'register' | 'update';
  /** EIC W-code. */
  assetId: string;
  name?: string;
  /** The operating AGR/BRP, EIC X-code. */
  operator: string;
  /** GS1 GSRN of the connection point. */
  connectionPoint: string;
}

/** Remove one asset (F4). */
export interface AssetRemovalEntry {
  action: 'remove';
  assetId: string;
}

/** Asset registration (F4, project document, urn:tps:62325:assetregistrationdocument:1:0). */
export interface AssetRegistrationDocument extends RevisedDocumentHeader {
  unit: QuantityUnit;
  assets: Array<AssetRegistrationEntry | AssetRemovalEntry>;
}

/** Connection-point registration (F4): a DSO adds or removes the points of its grid. */
export interface ConnectionPointRegistrationDocument extends RevisedDocumentHeader {
  /** The DSO owning the points, EIC X-code. */
  dso: string;
  connectionPoints: Array<{ connectionPoint: string; action: 'add' | 'remove' }>;
}

/** An asset as a DSO may see it. NF3: there is deliberately no operator field. */
export interface ListedAsset extends AssetCapabilities {
  assetId: string;
  name?: string;
  connectionPoint: string;
}

/** Asset list for a DSO (F5, project document, urn:tps:62325:assetlistdocument:1:0). */
export interface AssetListDocument extends RevisedDocumentHeader {
  unit: QuantityUnit;
  /**
   * One page of a paged snapshot (issue 14): page `page` (1-based) of `pageCount`, all pages
   * with the same mRID and createdDateTime. Absent: the list is complete (page 1 of 1).
   */
  paging?: AssetListPaging;
  assets: ListedAsset[];
}

export interface AssetListPaging {
  page: number;
  pageCount: number;
}

/** Largest page number and page count the schema admits. */
export const MAX_ASSET_LIST_PAGES = 10_000;
