import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';

/**
 * Time-ordered identifier (48-bit milliseconds + 80 random bits, hex): sorts by creation
 * in both databases and needs no sequence, so several processes can insert safely.
 */
export function newId(now: number = Date.now()): string {
  return now.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
}

/** A URL-safe secret with `bytes` bytes of entropy (tokens, one-time passwords). */
export function secretToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
