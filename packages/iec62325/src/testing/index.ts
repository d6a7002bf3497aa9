// Test support for other packages' tests (not part of the runtime API; needs fast-check and chai):
// generators of valid documents of every kind, and an assertion for typed document errors.
export { DOCUMENT_ARBITRARIES, parsedDocumentArb } from './document.arbitraries.js';
export { eicArb, gsrnArb, idArb, partyArb, periodArb } from './primitive.arbitraries.js';
export { expectDocumentError } from './expect-document-error.js';
export { syntheticAssetList } from './synthetic-asset-list.js';
