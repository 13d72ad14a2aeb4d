/**
 * NIST Phish Scale (Steves, Greene, Theofanos, NIST TN 2276, 2020): difficulty of a phishing
 * message from the number of observable cues and how well its premise fits the audience.
 * Fewer cues and a better-aligned premise make a lure harder to detect.
 */
export type CueCategory = 'errors' | 'technical' | 'visual' | 'language';
export type PremiseAlignment = 'high' | 'medium' | 'low';
export type Difficulty = 'very-difficult' | 'moderately-difficult' | 'least-difficult';

/** Cue-count bands of the scale: few (1–8), some (9–14), many (15+). */
export function cueLevel(cueCount: number): 'few' | 'some' | 'many' {
  if (cueCount <= 8) return 'few';
  if (cueCount <= 14) return 'some';
  return 'many';
}

const TABLE: Record<'few' | 'some' | 'many', Record<PremiseAlignment, Difficulty>> = {
  few: { high: 'very-difficult', medium: 'very-difficult', low: 'moderately-difficult' },
  some: { high: 'very-difficult', medium: 'moderately-difficult', low: 'least-difficult' },
  many: { high: 'moderately-difficult', medium: 'least-difficult', low: 'least-difficult' },
};

export function phishScale(cueCount: number, alignment: PremiseAlignment): { cues: 'few' | 'some' | 'many'; difficulty: Difficulty } {
  const cues = cueLevel(cueCount);
  return { cues, difficulty: TABLE[cues][alignment] };
}
