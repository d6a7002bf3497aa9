import { expect } from 'chai';
import { IdSampler, MAX_TRACE_ENTRIES, MAX_TRACE_IDS, TraceRecorder } from './trace.js';

describe('fairness trace recorder', () => {
  it('F6a: keeps the first and the last entries and says how many were left out', () => {
    const trace = new TraceRecorder([]);
    trace.setStart({ step: 'start', policy: 'p', limitW: 1, assets: 0, capsW: 0, floorsW: 0 });
    for (let w = 1; w <= 100; w++) trace.push({ step: 'remainder', watts: w, ids: [], moreIds: 0 });
    const entries = trace.entries();
    expect(entries).to.have.length(MAX_TRACE_ENTRIES + 1);
    expect(entries[0]!.step).to.equal('start');
    const watts = entries.flatMap((e) => (e.step === 'remainder' ? [e.watts] : []));
    expect(watts.slice(0, 3)).to.deep.equal([1, 2, 3]);
    expect(watts.at(-1)).to.equal(100);
    expect(entries).to.deep.include({ step: 'omitted', entries: 100 - (MAX_TRACE_ENTRIES - 1) });
  });

  it('F6a: an ID sample lists at most MAX_TRACE_IDS IDs and counts the rest', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
    const sampler = new IdSampler();
    for (let i = 0; i < 40; i++) sampler.add(i);
    const sample = new TraceRecorder(ids).sample(sampler);
    expect(sample.ids).to.deep.equal(ids.slice(0, MAX_TRACE_IDS));
    expect(sample.moreIds).to.equal(40 - MAX_TRACE_IDS);
  });
});
