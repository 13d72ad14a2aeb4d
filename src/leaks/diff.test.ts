import { describe, expect, it } from 'vitest';
import { contentDiff, isTampered } from './diff.ts';

const body = 'Le comité de campagne se réunira jeudi à la permanence pour valider le budget des meetings. Le montant prévu est de 6 545,85 euros pour la salle de Lyon et la sonorisation, à régler avant la fin du mois auprès du prestataire habituel.';

describe('content diff', () => {
  it('does not call an excerpt, a forward header or reordered cells a change', () => {
    expect(isTampered(contentDiff(body, `---------- Forwarded message ---------\nDe : x\n\n> ${body}`))).toBe(false);
    expect(isTampered(contentDiff(body, body.slice(0, 120)))).toBe(false);
    expect(isTampered(contentDiff(`Total\nLyon\n${body}\nConfidentiel`, `Confidentiel\n${body}\nLyon\nTotal`))).toBe(false);
  });

  it('calls a changed amount in the middle a change and shows it', () => {
    const d = contentDiff(body, body.replace('6 545,85', '96 545,85'));
    expect(isTampered(d)).toBe(true);
    expect(d.removed.join(' ')).toContain('6');
    expect(d.added.join(' ')).toContain('96');
  });
});
