import { expect } from 'chai';
import { LIMIT_OF_PROCESS } from '../documents/capacity-limit.codes.js';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS } from '../schema/document-kinds.js';
import { xsdDir } from '../schema/xsd-dir.js';
import { xsdEnumeration } from '../testing/xsd-enumerations.js';
import { LOCAL_ACTION_CODE, MARKET_ROLES, QUANTITY_UNITS, RESOLUTION_MINUTES } from './market-codes.js';
import { REASON_CODES } from './reason-codes.js';

// The TypeScript code tables and the profiles in xsd/ must say the same thing.
const COMMON = 'tps-esmp-types.xsd';
const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('code tables match the profiles', () => {
  it('F1: 451-1 reason codes are the profile reason code list', () => {
    expect(sorted(Object.keys(REASON_CODES))).to.deep.equal(sorted(xsdEnumeration(COMMON, 'Tps_ReasonCode_String', xsdDir())));
  });

  it('F1: market roles, units and resolutions are the profile lists', () => {
    expect(sorted(MARKET_ROLES)).to.deep.equal(sorted(xsdEnumeration(COMMON, 'Tps_MarketRoleKind_String', xsdDir())));
    expect(sorted(QUANTITY_UNITS)).to.deep.equal(sorted(xsdEnumeration(COMMON, 'Tps_MeasurementUnitKind_String', xsdDir())));
    expect(sorted(Object.keys(RESOLUTION_MINUTES))).to.deep.equal(sorted(xsdEnumeration(COMMON, 'Tps_Resolution_Duration', xsdDir())));
  });

  it('F6: the unforeseen action codes are exactly the local business types of the project local-extension file', () => {
    expect(sorted(Object.values(LOCAL_ACTION_CODE))).to.deep.equal(
      sorted(xsdEnumeration('urn-entsoe-eu-local-extension-types.xsd', 'LocalBusinessType', xsdDir())),
    );
  });

  it('F6: the capacity-limit process types are the profile process types', () => {
    expect(sorted(LIMIT_OF_PROCESS.keys())).to.deep.equal(sorted(xsdEnumeration(DOCUMENT_SCHEMAS['capacity-limit'].profile, 'ProcessKind_String', xsdDir())));
  });

  it('F1: every document kind has a distinct root element and namespace', () => {
    const keys = DOCUMENT_KINDS.map((kind) => `${DOCUMENT_SCHEMAS[kind].namespace} ${DOCUMENT_SCHEMAS[kind].root}`);
    expect(new Set(keys).size).to.equal(DOCUMENT_KINDS.length);
  });
});
