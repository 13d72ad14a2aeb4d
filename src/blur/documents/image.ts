import { deflateSync } from 'node:zlib';
import type { Rng } from '../random.ts';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A letterhead-like picture (soft colour bands with grain), PNG. Real office files often carry a
 * logo or a scanned signature; its size varies with its dimensions, so decoys of one type do not
 * share a size band.
 */
export function letterheadPng(rng: Rng): { png: Buffer; width: number; height: number } {
  const width = rng.int(80, 420);
  const height = rng.int(30, 160);
  const base = [rng.int(20, 230), rng.int(20, 230), rng.int(20, 230)];
  const grain = rng.int(2, 40);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) raw[o++] = Math.max(0, Math.min(255, base[c] + ((x * (c + 1) + y * 2) % 60) + Math.floor(rng.next() * grain)));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return { png, width, height };
}
