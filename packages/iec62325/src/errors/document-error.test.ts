import { expect } from 'chai';
import { isReasonCode } from '../codes/reason-codes.js';
import { DocumentError, DocumentErrorCode, isDocumentError } from './document-error.js';

describe('DocumentError', () => {
  it('F1: carries name, code, a 451-1 reason code, the field and the cause', () => {
    const cause = new Error('low level');
    const error = new DocumentError(DocumentErrorCode.InvalidPositions, 'position 4 where 3 was expected', { field: 'TimeSeries[1]/Period/Point[3]', cause });
    expect(error).to.be.instanceOf(Error);
    expect(isDocumentError(error)).to.equal(true);
    expect(error.name).to.equal('DocumentError');
    expect(error.code).to.equal('DOCUMENT_INVALID_POSITIONS');
    expect(error.reasonCode).to.equal('A49');
    expect(error.field).to.equal('TimeSeries[1]/Period/Point[3]');
    expect(error.message).to.equal('TimeSeries[1]/Period/Point[3]: position 4 where 3 was expected');
    expect(error.cause).to.equal(cause);
    expect(new DocumentError(DocumentErrorCode.InvalidContent, 'x', { reasonCode: 'A69' }).reasonCode).to.equal('A69');
  });

  it('F1: every error code has a default reason code from the 451-1 list', () => {
    for (const code of Object.values(DocumentErrorCode)) {
      expect(isReasonCode(new DocumentError(code, 'x').reasonCode), code).to.equal(true);
    }
  });
});
