import { createRequire } from 'node:module';
import type { Logger } from 'pino';

export type { Logger };

// pino is loaded on first use: a CLI verb that never logs does not pay its start-up cost.
const requirePino = () => (createRequire(import.meta.url)('pino') as typeof import('pino')).pino;

/** Structured logs on stderr so stdout stays clean for `--json` output. */
export function createLogger(level: string = process.env.REMPART_LOG_LEVEL ?? 'info'): Logger {
  const pino = requirePino();
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything (tests, in-process tools). */
export function silentLogger(): Logger {
  return requirePino()({ level: 'silent' });
}
