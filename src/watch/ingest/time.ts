/**
 * Timestamps arrive as epoch seconds or milliseconds, ISO 8601 with or without offset, Twitter's
 * `Sat May 06 18:30:00 +0000 2017`, RFC 2822 from feeds, or `2017-05-05 18:30:00` (read as UTC).
 * Returns epoch milliseconds, or undefined when the value is not a plausible date.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '' || s.length > 64) return undefined;
  if (/^-?\d+(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  // "2017-05-05 18:30:00" or "2017-05-05T18:30:00" without a zone: UTC, not the machine's zone.
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(s);
  if (local) return check(Date.parse(`${local[1]}T${local[2]}Z`));
  const isoSpace = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/.exec(s);
  if (isoSpace) return check(Date.parse(`${isoSpace[1]}T${isoSpace[2]}${normOffset(isoSpace[5])}`));
  // Twitter v1.1: "Sat May 06 18:30:00 +0000 2017"
  const tw = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4}) (\d{4})$/.exec(s);
  if (tw) return check(Date.parse(`${tw[2]} ${tw[1]} ${tw[5]} ${tw[3]} GMT${tw[4]}`));
  return check(Date.parse(s));
}

function normOffset(o: string): string {
  if (o === 'Z') return 'Z';
  return o.includes(':') ? o : `${o.slice(0, 3)}:${o.slice(3)}`;
}

function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  // Below 1e11 the number is seconds (up to year 5138); above, milliseconds.
  return check(Math.abs(n) < 1e11 ? n * 1000 : n);
}

// Years 1970..2200: QUT test data starts at epoch 0, and nothing in a feed is older.
function check(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms < 7258118400000 ? ms : undefined;
}
