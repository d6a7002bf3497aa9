export const ConfigErrorCode = { Invalid: 'CONFIG_INVALID' } as const;

/** A bad environment value: the process stops with a one-line message naming the variable, exit 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = ConfigErrorCode.Invalid;
  readonly exitCode = 2;
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}
