import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { triage, triageContext } from '../../src/mail/index.ts';
import { MESSAGE_2017 } from '../../src/mail/demo.ts';
import { codePoints, diffMarks, parseLinkMismatch, parseLookalike, parseMailbox, splitUrl } from '../../web/src/pages/mail/evidence.ts';

const ctx = triageContext({
  name: 'En Marche',
  protectedDomains: ['en-marche.fr'],
  partnerDomains: [],
  brandDomains: [],
  staff: [{ fullName: 'Mounir Mahjoubi', email: 'mounir.mahjoubi@en-marche.fr', aliases: [] }],
} as Parameters<typeof triageContext>[0]);

const marked = (segs: Array<{ text: string; mark: boolean }>) => segs.filter((s) => s.mark).map((s) => s.text);

describe('lookalike highlighting', () => {
  it('marks the one Cyrillic letter of a homoglyph domain and names its code point', () => {
    const segs = diffMarks('en-m\u0430rche.fr', 'en-marche.fr');
    expect(marked(segs)).toEqual(['\u0430']);
    expect(segs.map((s) => s.text).join('')).toBe('en-m\u0430rche.fr');
    expect(codePoints('\u0430')).toBe('U+0430');
  });

  it('marks an added word and a changed suffix', () => {
    expect(marked(diffMarks('onedrive-en-marche.fr', 'en-marche.fr'))).toEqual(['onedrive-']);
    expect(marked(diffMarks('en-marche-fr.com', 'en-marche.fr'))).toEqual(['-', '.com']);
    expect(marked(diffMarks('en-marche.fr', 'en-marche.fr'))).toEqual([]);
  });

  it('always gives back the lookalike text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        expect(diffMarks(a, b).map((s) => s.text).join('')).toBe(a);
      }),
    );
    const long = 'a'.repeat(10_000);
    expect(diffMarks(long, 'b')).toEqual([{ text: long, mark: false }]);
  });
});

describe('evidence written by the real triage', () => {
  it('parses the sender and link lookalikes, the mismatched link and the impersonated sender of the 2017 message', async () => {
    const v = await triage(MESSAGE_2017, ctx);
    const ev = (id: string) => v.signals.find((s) => s.id === id)?.evidence ?? '';
    expect(parseLookalike(ev('sender.lookalike_domain'))).toMatchObject({ where: 'm.mahjoubi@en-marche-fr.com', domain: 'en-marche-fr.com', original: 'en-marche.fr' });
    expect(parseLookalike(ev('links.lookalike_domain'))).toMatchObject({ domain: 'onedrive-en-marche.fr', original: 'en-marche.fr', kind: 'affix' });
    expect(parseLinkMismatch(ev('links.text_href_mismatch'))).toEqual({ shown: 'https://en-marche.fr/securite', target: 'https://onedrive-en-marche.fr/documents/protection' });
    expect(parseMailbox(ev('sender.staff_impersonation'))).toEqual({ name: 'Mounir Mahjoubi', address: 'm.mahjoubi@en-marche-fr.com', domain: 'en-marche-fr.com' });
  });

  it('parses a homoglyph sender domain and marks the foreign letter', async () => {
    const raw = MESSAGE_2017.replace('m.mahjoubi@en-marche-fr.com', 'm.mahjoubi@en-m\u0430rche.fr');
    const v = await triage(raw, ctx);
    const p = parseLookalike(v.signals.find((s) => s.id === 'sender.lookalike_domain')?.evidence ?? '');
    expect(p?.original).toBe('en-marche.fr');
    expect(marked(diffMarks(p!.domain, p!.original))).toEqual(['\u0430']);
  });

  it('leaves other evidence alone', () => {
    expect(parseLookalike('« urgent »')).toBeUndefined();
    expect(parseLinkMismatch('https://x.example/')).toBeUndefined();
    expect(parseMailbox('no address here')).toBeUndefined();
  });
});

describe('splitUrl', () => {
  it('isolates the host, and keeps odd input whole', () => {
    expect(splitUrl('https://user@onedrive-en-marche.fr:8443/x?y#z')).toEqual({ before: 'https://user@', host: 'onedrive-en-marche.fr', after: ':8443/x?y#z' });
    expect(splitUrl('http://[2001:db8::1]/a')).toEqual({ before: 'http://', host: '[2001:db8::1]', after: '/a' });
    expect(splitUrl('not a url')).toEqual({ before: '', host: '', after: 'not a url' });
  });
});
