// Types for healthcheck.mjs (used by test/deployment).
export type Component = 'directory' | 'core' | 'agr' | 'dso';
export function componentFromArgv(argv: readonly string[]): Component | undefined;
export function portFor(component: Component, env: Record<string, string | undefined>): number;
