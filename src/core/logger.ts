import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs on stderr so stdout stays clean for `--json` output. */
export function createLogger(level: string = process.env.REMPART_LOG_LEVEL ?? 'info'): Logger {
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

export const silentLogger: Logger = pino({ level: 'silent' });
