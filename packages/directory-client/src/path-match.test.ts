import { expect } from 'chai';
import fc from 'fast-check';
import { businessTypeMatches, pathMatches } from './path-match.js';
import { eicWithCheck, isValidEic } from './eic.js';

describe('directory client: message path matching and EIC codes (F1)', () => {
  const receiver = eicWithCheck('10V000000000DSO');
  const sender = eicWithCheck('10V00000000CORE');

  it('F1: business types match exactly or by a prefix ending in *', () => {
    expect(businessTypeMatches('A01', 'A01')).to.equal(true);
    expect(businessTypeMatches('A01', 'A011')).to.equal(false);
    expect(businessTypeMatches('A0*', 'A01')).to.equal(true);
    expect(businessTypeMatches('A0*', 'B01')).to.equal(false);
    expect(businessTypeMatches('*', 'anything')).to.equal(true);
    fc.assert(fc.property(fc.string(), fc.string(), (p, s) => businessTypeMatches(p + '*', p + s) && businessTypeMatches(p, p)));
  });

  it('F1: a path names its receiver and sender (or *), and its window is [validFrom, validUntil)', () => {
    const p = { receiverCode: receiver, sender, businessType: 'A*', validFrom: '2030-01-01T00:00:00Z', validUntil: '2030-01-02T00:00:00Z' };
    const inside = new Date('2030-01-01T12:00:00Z');
    expect(pathMatches(p, receiver, sender, 'A01', inside)).to.equal(true);
    expect(pathMatches(p, sender, sender, 'A01', inside)).to.equal(false);
    expect(pathMatches(p, receiver, receiver, 'A01', inside)).to.equal(false);
    expect(pathMatches({ ...p, sender: '*' }, receiver, receiver, 'A01', inside)).to.equal(true);
    expect(pathMatches(p, receiver, sender, 'A01', new Date('2030-01-01T00:00:00Z'))).to.equal(true);
    expect(pathMatches(p, receiver, sender, 'A01', new Date('2030-01-02T00:00:00Z'))).to.equal(false);
    expect(pathMatches(p, receiver, sender, 'A01', new Date('2029-12-31T23:59:59Z'))).to.equal(false);
  });

  it('F1: EIC check characters are verified (known ENTSO-E codes pass, any single change fails)', () => {
    for (const code of ['10X1001A1001A094', '10YDK-1--------W', '10YDK-2--------M']) expect(isValidEic(code), code).to.equal(true);
    expect(isValidEic('10YDK-1--------X')).to.equal(false);
    expect(isValidEic('10ydk-1--------W')).to.equal(false);
    expect(isValidEic('10YDK-1-------W')).to.equal(false);
  });
});
