import { expect } from 'chai';
import { DocumentError, type DocumentErrorCode } from '../errors/document-error.js';
import type { ReasonCode } from '../codes/reason-codes.js';

/** Runs `action` and asserts it throws a DocumentError with this code (and reason code). */
export function expectDocumentError(action: () => unknown, code: DocumentErrorCode, reasonCode?: ReasonCode): DocumentError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a DocumentError to be thrown').to.be.instanceOf(DocumentError);
  const error = thrown as DocumentError;
  expect(error.code, error.message).to.equal(code);
  if (reasonCode !== undefined) expect(error.reasonCode, error.message).to.equal(reasonCode);
  return error;
}
