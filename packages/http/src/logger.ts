import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets (tokens, keys) are redacted wherever they appear. */
export function createLogger(component: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: component,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.privateKey', '*.password', 'token', 'privateKey'],
      censor: '[redacted]',
    },
  });
}
