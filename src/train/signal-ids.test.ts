import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../mail/weights.ts';
import { SIGNAL_IDS } from './signal-ids.ts';

describe('exercise cues', () => {
  it('point only to signals mail triage really raises', () => {
    expect(SIGNAL_IDS.filter((id) => !(id in SIGNALS))).toEqual([]);
  });
});
