import { expect } from 'chai';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../packages/iec62325/src/index.js';
import { syntheticAssetList } from '../../packages/iec62325/src/testing/synthetic-asset-list.js';
import { iec62325Codec, INBOUND_MAX_DOCUMENT_BYTES } from '../src/mapping/iec62325-codec.js';

// Benchmark 5 (issue 14): a DSO with ≈ 10,000 assets gets a complete list of more than the
// parser's default 4 MiB; the endpoint parses what the mades transport admits (8 MiB).
describe('DSO endpoint: complete asset lists above 4 MiB (F5b; issue 14)', () => {
  it('F5b: a 10,500-asset list (> 4 MiB, < 8 MiB) is parsed whole; a larger-than-transport document is refused', function () {
    this.timeout(60_000);
    const xml = syntheticAssetList(10_500);
    expect(Buffer.byteLength(xml)).to.be.above(DEFAULT_MAX_DOCUMENT_BYTES).and.below(INBOUND_MAX_DOCUMENT_BYTES);
    const parsed = iec62325Codec.parse(Buffer.from(xml));
    expect(parsed.kind).to.equal('asset-list');
    if (parsed.kind !== 'asset-list') return;
    expect(parsed.document.assets).to.have.length(10_500);
    expect(() => iec62325Codec.parse(Buffer.from(xml + ' '.repeat(INBOUND_MAX_DOCUMENT_BYTES)))).to.throw();
  });
});
