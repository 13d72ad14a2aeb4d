import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBrandsFile } from './brands-file.ts';
import { explainMatch } from './explain.ts';
import { buildMatcher } from './matcher.ts';

/** The brands the lead's held-out run protects, as `--protect` gives them. */
const PROTECT = ['paypal.com', 'microsoft.com', 'apple.com', 'amazon.com', 'ameli.fr', 'impots.gouv.fr', 'laposte.fr', 'labanquepostale.fr', 'credit-agricole.fr', 'orange.fr', 'societegenerale.fr', 'dhl.com', 'usps.com', 'chase.com', 'rbcroyalbank.com', 'netflix.com'];
const m = buildMatcher(PROTECT);

describe('brand model', () => {
  it.each([
    ['chaseiq255.web.app', 'chase.com', 'hosting'],
    ['laposte36.yolasite.com', 'laposte.fr', 'hosting'],
    ['orangevocalemessagerie.weebly.com', 'orange.fr', 'hosting'],
    ['sharepointdoc.weebly.com', 'microsoft.com', 'hosting'],
    ['app-instagram-perfil.herokuapp.com', 'facebook.com', 'hosting'],
    ['webservice-paypal.cloudns.nz', 'paypal.com', 'hosting'],
    ['rbc-verification-app.biz', 'rbcroyalbank.com', 'alias'],
    ['royalbank-rbc.com', 'rbcroyalbank.com', 'alias'],
    ['compte-carte-vitale.com', 'ameli.fr', 'alias'],
    ['colissimo-suivi-colis.fr', 'laposte.fr', 'alias'],
    ['membership.auth64e34aa9d32c53a4d69f1netflix.com', 'netflix.com', 'affix'],
    ['paypal.com.secure-login.net', 'paypal.com', 'subdomain'],
    ['account-netfllx-subscriptions.com', 'netflix.com', 'typo'],
    ['paypa1.com', 'paypal.com', 'homoglyph'],
  ])('catches %s as an imitation of %s (%s)', (domain, imitated, kind) => {
    expect(m.match(domain)).toMatchObject({ protected: imitated, kind });
  });

  it.each(['free-games.com', 'business-live.co.uk', 'protonvpn.ch', 'ups.edu', 'interia.pl', 'youtube-nocookie.com', 'ads-twitter.com', 'hicloud.com', 'orange.es', 'pineapple-recipes.com', 'shopping-center.fr', '400coups.ch', 'purchase-orders.com', 'login.microsoftonline.com', 'amazon.de', 'paypal.fr'])(
    'stays quiet on %s (a brand’s own domain, an ordinary word without context, or another word)',
    (domain) => {
      expect(m.match(domain)).toBeUndefined();
    },
  );

  it('counts an ordinary-word brand only with phishing context, and says so', () => {
    expect(m.match('orange-recettes.fr')).toBeUndefined();
    const r = m.match('orange-messagerie-connexion.com');
    expect(r).toMatchObject({ protected: 'orange.fr', wordKind: 'common' });
    expect(r!.reasons.map((x) => x.id)).toEqual(expect.arrayContaining(['name.common', 'context.lure']));
  });

  it('explains a match in French and in English, for a reader who is not technical', () => {
    const r = m.match('colissimo-suivi-colis.weebly.com')!;
    expect(explainMatch(r, 'fr')).toMatch(/imite La Poste \(laposte\.fr\).*hébergeur gratuit.*« colissimo » est un autre nom de La Poste.*weebly\.com.*suivi, colis/);
    expect(explainMatch(r, 'en')).toMatch(/imitates La Poste \(laposte\.fr\).*free hosting.*"colissimo" is another name of La Poste/);
  });

  it('takes a user’s brand with its other names from a brands file', () => {
    const specs = parseBrandsFile('# nos marques\n{"name":"Exemple Mutuelle","domains":["exemple-mutuelle.fr"],"aliases":["exmut"]}\n\n');
    const mm = buildMatcher(['en-marche.fr'], { brandSpecs: specs });
    expect(mm.match('exmut-remboursement.com')).toMatchObject({ protected: 'exemple-mutuelle.fr', brand: 'Exemple Mutuelle', kind: 'alias' });
    expect(mm.match('exemple-mutuelle.fr')).toBeUndefined();
  });

  it('refuses a brands file with garbage, naming the line', () => {
    expect(() => parseBrandsFile('{"name":"A","domains":["a.fr"]}\n{"name":"B","domains":"b.fr"}\n')).toThrow(/line 2: domains/);
    expect(() => parseBrandsFile('\n\nnot json at all\n')).toThrow(/line 3: not JSON/);
    expect(() => parseBrandsFile('{"name":"A","domains":["a.fr"],"aliases":["x"]}')).toThrow(/line 1: aliases/);
    expect(() => parseBrandsFile('{"name":"A","domains":["a.fr"],"extra":1}')).toThrow(/line 1/);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseBrandsFile(s);
        } catch (e) {
          expect((e as { id?: string }).id).toMatch(/^domains\./);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes no hostname of 253 bytes or 127 labels, control characters or invalid punycode for a lookalike, and never throws', () => {
    const long = `paypal-login.${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(55)}.com`;
    expect(long.length).toBeGreaterThan(253);
    expect(m.match(long)).toBeUndefined();
    expect(m.match(`${'a.'.repeat(126)}paypal-login.com`)).toBeUndefined();
    // 127 labels in 253 bytes: read in bounded time, a brand in the middle still seen as a subdomain.
    const deep = `${'a.'.repeat(60)}paypal.com.${'b.'.repeat(60)}fr`;
    expect(deep.split('.').length).toBeGreaterThan(120);
    expect(m.match(deep)).toMatchObject({ protected: 'paypal.com', kind: 'subdomain' });
    for (const bad of ['paypal\u0000login.com', 'pay\u0007pal-login.com', 'paypal-login.com\u001b', 'xn--zz-login.com', 'xn--paypal-.com', 'paypal login.com'])
      expect(m.match(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.array(fc.constantFrom('paypal', 'login', 'xn--', '-', '.', 'a', '0', 'web.app', 'é', '\u0000'), { maxLength: 80 }), (parts) => {
        m.match(parts.join(''));
      }),
      { numRuns: 2000 },
    );
  });
});
