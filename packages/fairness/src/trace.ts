// The bounded trace kept with every decision so a DSO or AGR can ask "why" (F6a). Bounded because a
// limit can affect 10^4..10^6 assets: a trace listing every asset per round would dwarf the decision.

import type { IdSample, TraceEntry } from './types.js';

/** At most this many asset IDs are listed per entry (the smallest in asset-ID order); counts stay exact. */
export const MAX_TRACE_IDS = 16;
/** At most this many entries per interval besides 'start': the first half and the last entries are kept. */
export const MAX_TRACE_ENTRIES = 64;

const HEAD = MAX_TRACE_ENTRIES / 2;
const TAIL = MAX_TRACE_ENTRIES - HEAD - 1; // one slot for the 'omitted' marker

/** Collects the first MAX_TRACE_IDS positions offered in ascending order, and counts all. */
export class IdSampler {
  private readonly positions: number[] = [];
  private total = 0;

  add(position: number): void {
    if (this.positions.length < MAX_TRACE_IDS) this.positions.push(position);
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  toSample(ids: readonly string[]): IdSample {
    return { ids: this.positions.map((p) => ids[p]!), moreIds: this.total - this.positions.length };
  }
}

export class TraceRecorder {
  private readonly head: TraceEntry[] = [];
  // Ring buffer of the latest entries once the head is full: the final share and remainder steps
  // are what most readers want, so they must survive truncation.
  private readonly tail: TraceEntry[] = [];
  private tailStart = 0;
  private omitted = 0;
  private start: TraceEntry | undefined;

  /** @param ids asset IDs by position, used to name assets in samples */
  constructor(readonly ids: readonly string[]) {}

  push(entry: TraceEntry): void {
    if (this.head.length < HEAD) {
      this.head.push(entry);
      return;
    }
    if (this.tail.length < TAIL) {
      this.tail.push(entry);
      return;
    }
    this.tail[this.tailStart] = entry;
    this.tailStart = (this.tailStart + 1) % TAIL;
    this.omitted++;
  }

  /** Sets the first entry; it is set after the fact because its totals come from the review pass. */
  setStart(entry: TraceEntry): void {
    this.start = entry;
  }

  sample(sampler: IdSampler): IdSample {
    return sampler.toSample(this.ids);
  }

  /**
   * The sample for `total` assets of which the first ones (up to MAX_TRACE_IDS) are in `first`:
   * for hot loops, which fill a small Int32Array instead of calling IdSampler.add per asset.
   */
  samplePositions(first: Int32Array, total: number): IdSample {
    const listed = Math.min(total, MAX_TRACE_IDS, first.length);
    const ids: string[] = [];
    for (let k = 0; k < listed; k++) ids.push(this.ids[first[k]!]!);
    return { ids, moreIds: total - listed };
  }

  entries(): TraceEntry[] {
    const first = this.start === undefined ? [] : [this.start];
    const tail = [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    if (this.omitted === 0) return [...first, ...this.head, ...tail];
    return [...first, ...this.head, { step: 'omitted', entries: this.omitted }, ...tail];
  }
}
