// "The client went away" for requests parked by the thousand (issue 14). A wait needs only what
// `AbortSource` names; AbortSignal has it, and so does `ClientGone`, which costs a few dozen bytes
// where an AbortController + AbortSignal cost ≈ 0.5 kB of heap per parked request (node makes each
// signal an EventTarget and re-prototypes it, so every one gets its own hidden class) and their
// creation showed in the CPU profile of 10,000 arrivals.

/**
 * An abort listener: a function, or (as EventTarget allows) an object whose `handleEvent` runs —
 * a parked waiter listens with itself instead of a closure per request.
 */
export type AbortListener = (() => void) | { handleEvent(): void };

/** The part of AbortSignal a wait uses: AbortSignal satisfies it. */
export interface AbortSource {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: AbortListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: AbortListener): void;
}

/** An AbortSource fired once by its owner; listeners run once, in the order added. */
export class ClientGone implements AbortSource {
  aborted = false;
  /** Usually one (the waiter of the request); an array only beyond that. */
  private listeners: AbortListener[] | AbortListener | undefined;

  addEventListener(_type: 'abort', listener: AbortListener): void {
    if (this.aborted) return; // as AbortSignal: listeners added after the abort never run
    const l = this.listeners;
    this.listeners = l === undefined ? listener : Array.isArray(l) ? (l.push(listener), l) : [l, listener];
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
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
    if (Array.isArray(l)) for (const one of l) run(one);
    else if (l) run(l);
  }
}

function run(listener: AbortListener): void {
  if (typeof listener === 'function') listener();
  else listener.handleEvent();
}
