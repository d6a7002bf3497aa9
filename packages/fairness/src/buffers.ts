// Scratch arrays reused across calls. A limit document runs the same steps for every interval
// (96 per day) with the same number of assets; allocating fresh 10^4-element scratch arrays each
// time made the young-generation GC copy the decisions being built. Each user module owns its
// buffers, so nested steps never share one; the code is synchronous, so calls never interleave.

export class Int32Buffer {
  private array = new Int32Array(0);

  /** An array of exactly `length` elements with unspecified contents. */
  take(length: number): Int32Array {
    if (this.array.length < length) this.array = new Int32Array(Math.max(length, this.array.length * 2));
    return this.array.subarray(0, length);
  }

  /** Like take, zero-filled. */
  zeroed(length: number): Int32Array {
    return this.take(length).fill(0);
  }
}

export class Float64Buffer {
  private array = new Float64Array(0);

  /** An array of exactly `length` elements with unspecified contents. */
  take(length: number): Float64Array {
    if (this.array.length < length) this.array = new Float64Array(Math.max(length, this.array.length * 2));
    return this.array.subarray(0, length);
  }
}
