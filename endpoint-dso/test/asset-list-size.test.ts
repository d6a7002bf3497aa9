import { expect } from 'chai';
import { buildAssetList, DEFAULT_MAX_DOCUMENT_BYTES, makeEic, makeGsrn, MARKET_ROLE } from '../../packages/iec62325/src/index.js';
import { iec62325Codec, INBOUND_MAX_DOCUMENT_BYTES } from '../src/mapping/iec62325-codec.js';

// Benchmark 5 (issue 14): a DSO with ≈ 10,000 assets gets a complete list of more than the
// parser's default 4 MiB; the endpoint parses what the mades transport admits (8 MiB).
function assetList(n: number): string {
  return buildAssetList({
    mRID: 'AL-size-1',
    revisionNumber: 1,
    createdDateTime: '2026-03-01T08:00:00Z',
    sender: { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform },
    receiver: { mRID: makeEic('10X', 'DSO-ONE'), role: MARKET_ROLE.dso },
    unit: 'KWT',
    assets: Array.from({ length: n }, (_, i) => {
      const assetId = makeEic('10W', `S${String(i).padStart(10, '0')}`);
      return { assetId, name: `bench asset ${assetId}`, connectionPoint: makeGsrn(`571${String(i).padStart(14, '0')}`), produces: true, consumes: true, maxProductionW: 100_000, maxConsumptionW: 100_000 };
    }),
  });
}

describe('DSO endpoint: complete asset lists above 4 MiB (F5b; issue 14)', () => {
  it('F5b: a 10,500-asset list (> 4 MiB, < 8 MiB) is parsed whole; a larger-than-transport document is refused', function () {
    this.timeout(60_000);
    const xml = assetList(10_500);
    expect(Buffer.byteLength(xml)).to.be.above(DEFAULT_MAX_DOCUMENT_BYTES).and.below(INBOUND_MAX_DOCUMENT_BYTES);
    const parsed = iec62325Codec.parse(Buffer.from(xml));
    expect(parsed.kind).to.equal('asset-list');
    if (parsed.kind !== 'asset-list') return;
    expect(parsed.document.assets).to.have.length(10_500);
    expect(() => iec62325Codec.parse(Buffer.from(xml + ' '.repeat(INBOUND_MAX_DOCUMENT_BYTES)))).to.throw();
  });
});
