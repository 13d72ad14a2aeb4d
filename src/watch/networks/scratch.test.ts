import { describe, expect, it } from 'vitest';
import { acquire, Carver, enlarge, release, SLOT } from './scratch.ts';

describe('engine scratch memory', () => {
  it('reuses a released slot, and gives a busy slot’s second user a private buffer', () => {
    const a = acquire(SLOT.temp, 100);
    const b = acquire(SLOT.temp, 100);
    expect(b).not.toBe(a);
    release(SLOT.temp, b);
    release(SLOT.temp, a);
    expect(acquire(SLOT.temp, 50)).toBe(a);
    release(SLOT.temp, a);
  });

  it('keeps the used part when a slot grows', () => {
    const a = acquire(SLOT.edgeFrom, 16);
    a.set([1, 2, 3]);
    const big = enlarge(SLOT.edgeFrom, a, 3, a.length + 10);
    expect(Array.from(big.subarray(0, 3))).toEqual([1, 2, 3]);
    release(SLOT.edgeFrom, big);
    expect(acquire(SLOT.edgeFrom, 16)).toBe(big);
    release(SLOT.edgeFrom, big);
  });

  it('refuses to cut past the end of its buffer', () => {
    const c = new Carver(new Int32Array(10));
    expect(Array.from(c.take(4, 7))).toEqual([7, 7, 7, 7]);
    expect(() => c.take(7)).toThrow(/too small/);
  });
});
