// The security headers helmet sets, computed once: helmet's middleware writes the same fixed set
// on every response, so routes served below express (the long-poll, issue 14) send this block
// instead of running helmet's ≈ 12 setHeader calls per request — and stay in step with helmet's
// configuration because the block is taken from helmet itself.
import helmet, { type HelmetOptions } from 'helmet';

/** The options every component's base app gives helmet. */
export function helmetOptions(contentSecurityPolicy: boolean | undefined): HelmetOptions {
  return { contentSecurityPolicy: contentSecurityPolicy === false ? false : undefined };
}

/** Helmet's headers for these options as a flat [name, value, name, value, …] list (writeHead's raw form). */
export function securityHeaderBlock(options: HelmetOptions): readonly string[] {
  const block: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void block.push(name, String(value)),
    removeHeader: () => undefined,
  };
  let done = false;
  helmet(options)({} as never, recorder as never, () => (done = true));
  // Helmet's middleware is synchronous for static options; anything else would need it per request.
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  return Object.freeze(block);
}
