// "The client went away" for requests parked by the thousand (issue 14). A wait needs only what
// `AbortSource` names; AbortSignal has it, and so does `ClientGone`, which costs a few dozen bytes
// where an AbortController + AbortSignal cost ≈ 0.5 kB of heap per parked request (node makes each
// signal an EventTarget and re-prototypes it, so every one gets its own hidden class) and their
// creation showed in the CPU profile of 10,000 arrivals.

/** The part of AbortSignal a wait uses: AbortSignal satisfies it. */
export interface AbortSource {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** An AbortSource fired once by its owner; listeners run once, in the order added. */
export class ClientGone implements AbortSource {
  aborted = false;
  /** Usually one (the waiter of the request); an array only beyond that. */
  private listeners: Array<() => void> | (() => void) | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return; // as AbortSignal: listeners added after the abort never run
    const l = this.listeners;
    this.listeners = l === undefined ? listener : Array.isArray(l) ? (l.push(listener), l) : [l, listener];
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const l = this.listeners;
    if (l === listener) this.listeners = undefined;
    else if (Array.isArray(l)) {
      const i = l.indexOf(listener);
      if (i >= 0) l.splice(i, 1);
    }
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const l = this.listeners;
    this.listeners = undefined;
    if (typeof l === 'function') l();
    else if (l) for (const fn of l) fn();
  }
}
