// Waiting in tests for something asynchronous to have happened: poll a check until it returns a
// truthy value. The bound ends a hung test with a message naming what did not happen; it asserts
// nothing about speed.

/** Polls `check` every `everyMs` until it returns a truthy value; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
