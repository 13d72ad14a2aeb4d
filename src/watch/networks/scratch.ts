/**
 * Reusable scratch memory for the engine's temporaries (never for results).
 *
 * Every large typed array is new external memory, and V8 answers about every 64 MB of it with a
 * full collection of the whole heap, which with a million posts loaded costs about a second. The
 * network types of one run (co-repost, co-link, co-similar…) need temporaries of similar sizes:
 * reusing the same buffers avoids most of those collections. Buffers are held weakly, so an idle
 * process gives them back at its next collection.
 */
const refs: Array<WeakRef<Int32Array> | undefined> = [];
const busy: boolean[] = [];

/** Named slots: one user at a time each (a busy slot falls back to a private buffer). */
export const SLOT = { temp: 0, edgeFrom: 1, edgeTo: 2, edgeWeight: 3, edgeStrata: 4, occMsg: 5, occKey: 6, occRaw: 7, occTable: 8, tokens: 9 } as const;
export type Slot = (typeof SLOT)[keyof typeof SLOT];

/**
 * Takes slot `slot` with at least `size` elements (contents undefined); give it back with `release`.
 * `hint`: how much a growing user will probably need, allocated when the slot is empty anyway.
 */
export function acquire(slot: Slot, size: number, hint = size): Int32Array {
  if (busy[slot]) return new Int32Array(size);
  busy[slot] = true;
  let a = refs[slot]?.deref();
  if (!a || a.length < size) {
    // Headroom: the next network type of the run is often a little larger.
    a = new Int32Array(Math.ceil(Math.max(size, a ? 0 : hint) * 1.25) + 1024);
    refs[slot] = new WeakRef(a);
  }
  return a;
}

/** A larger buffer for a slot in use, keeping its first `used` elements. */
export function enlarge(slot: Slot, current: Int32Array, used: number, size: number): Int32Array {
  const a = new Int32Array(Math.max(size, current.length * 2));
  a.set(current.subarray(0, used));
  if (refs[slot]?.deref() === current) refs[slot] = new WeakRef(a);
  return a;
}

export function release(slot: Slot, a: Int32Array): void {
  if (refs[slot]?.deref() === a) busy[slot] = false;
}

/** Cuts consecutive arrays out of one scratch buffer. */
export class Carver {
  private offset = 0;
  constructor(private readonly buf: Int32Array) {}
  take(length: number, fill?: number): Int32Array {
    if (this.offset + length > this.buf.length) throw new Error('scratch buffer too small (engine bug)');
    const a = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    if (fill !== undefined) a.fill(fill);
    return a;
  }
}
