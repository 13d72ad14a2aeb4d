import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTrainingContent } from './content.ts';
import { CONTENT_DIR, loadLessons } from './lessons.ts';
import { renderMarkdown } from './markdown.ts';
import { SIGNAL_IDS } from './signal-ids.ts';

const REPO = join(import.meta.dirname, '../..');
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped content in a temp folder, to break on purpose. */
function contentCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-train-'));
  tmp.push(dir);
  const root = join(dir, 'content', 'train');
  cpSync(CONTENT_DIR, root, { recursive: true });
  return root;
}

describe('shipped training content', () => {
  // This is the build gate: `npm test` fails here when a lesson or exercise file is broken.
  const content = loadTrainingContent();

  it('has at least thirteen lessons, each in French and English with the same id and exercise set', () => {
    expect(content.lessons.ids.length).toBeGreaterThanOrEqual(13);
    expect(content.lessons.byLang.en.map((l) => l.id)).toEqual(content.lessons.byLang.fr.map((l) => l.id));
    for (const id of ['spear-phishing', 'attachments', 'lookalike-links', 'passwords', 'two-factor', 'account-recovery', 'phone-sms', 'decoys-and-fakes', 'check-before-sharing', 'influence-operations', 'secure-devices', 'travel-wifi', 'report'])
      expect(content.lessons.ids).toContain(id);
  });

  it('cites a French public reference (ANSSI, Cybermalveillance, CNIL) or primary source on https for every lesson', () => {
    for (const l of [...content.lessons.byLang.fr, ...content.lessons.byLang.en]) {
      expect(l.sources.length, l.file).toBeGreaterThan(0);
      for (const s of l.sources) expect(s.url, l.file).toMatch(/^https:\/\//);
    }
    const refs = content.lessons.byLang.fr.flatMap((l) => l.sources.map((s) => new URL(s.url).host));
    expect(refs.some((h) => h.endsWith('cybermalveillance.gouv.fr'))).toBe(true);
    expect(refs.some((h) => h.endsWith('cyber.gouv.fr'))).toBe(true);
    expect(refs.some((h) => h.endsWith('cnil.fr'))).toBe(true);
  });

  it('names every reporting channel in the reporting lesson', () => {
    const fr = content.lessons.get('fr', 'report')?.body ?? '';
    for (const needle of ['17Cyber', 'ANSSI', 'CNIL', 'PHAROS', '33700']) expect(fr).toContain(needle);
  });

  it('has at least twelve exercises per language, phish and legitimate, with a 2017 colleague impersonation from a lookalike domain', () => {
    for (const lang of ['fr', 'en'] as const) {
      const list = content.exercises.byLang[lang];
      expect(list.length).toBeGreaterThanOrEqual(12);
      expect(list.filter((x) => x.verdict === 'phish').length).toBeGreaterThanOrEqual(4);
      expect(list.filter((x) => x.verdict === 'legit').length).toBeGreaterThanOrEqual(4);
    }
    const c = content.exercises.get('fr', 'colleague-2017');
    expect(c?.verdict).toBe('phish');
    expect(c?.cues.map((q) => q.signal)).toEqual(expect.arrayContaining(['sender.staff_impersonation', 'sender.lookalike_domain']));
  });

  it('links every phishing exercise to at least one mail-triage signal, all from the shared list', () => {
    for (const x of content.exercises.byLang.fr) {
      const signals = x.cues.flatMap((c) => (c.signal ? [c.signal] : []));
      if (x.verdict === 'phish') expect(signals.length, x.file).toBeGreaterThan(0);
      for (const s of signals) expect(SIGNAL_IDS).toContain(s);
    }
  });
});

describe('lesson loader on broken content', () => {
  it('names the file whose front matter is broken', () => {
    const root = contentCopy();
    writeFileSync(join(root, 'en', 'passwords.md'), '---\nid: passwords\ntitle: [unclosed\n---\nBody\n');
    expect(() => loadLessons(root)).toThrow(/en\/passwords\.md: unreadable front matter/);
  });

  it('never runs a JavaScript front matter', () => {
    const root = contentCopy();
    writeFileSync(join(root, 'fr', 'report.md'), "---js\n{ id: (globalThis.pwned = 'report') }\n---\nCorps\n");
    expect(() => loadLessons(root)).toThrow(/fr\/report\.md: unreadable front matter: only YAML/);
    expect((globalThis as { pwned?: string }).pwned).toBeUndefined();
  });

  it('names the file and the field when a required field is missing', () => {
    const root = contentCopy();
    writeFileSync(join(root, 'fr', 'report.md'), '---\nid: report\ntitle: Signaler\n---\nCorps\n');
    expect(() => loadLessons(root)).toThrow(/fr\/report\.md: front matter field "summary"/);
  });

  it('names the lesson that has no translation', () => {
    const root = contentCopy();
    unlinkSync(join(root, 'en', 'travel-wifi.md'));
    expect(() => loadLessons(root)).toThrow(/fr\/travel-wifi\.md: no en translation/);
  });

  it('refuses an id that does not match the file name', () => {
    const root = contentCopy();
    const fr = join(root, 'fr', 'two-factor.md');
    execFileSync('sed', ['-i', 's/^id: two-factor$/id: two-factors/', fr]);
    expect(() => loadLessons(root)).toThrow(/two-factor\.md: id "two-factors" does not match/);
  });

  it('makes `npm run check:lessons` exit non-zero with the file name', () => {
    const root = contentCopy();
    unlinkSync(join(root, 'exercises', 'en', 'parcel-fee.md'));
    let out = '';
    let code = 0;
    try {
      execFileSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'src/train/check-lessons.ts'), root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      code = err.status;
      out = err.stderr;
    }
    expect(code).toBe(1);
    expect(out).toMatch(/exercises\/fr\/parcel-fee\.md: no en translation/);
  });
});

describe('lesson Markdown rendering', () => {
  it('shows raw HTML from a lesson as text instead of running it', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and never loads images', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) [ok](https://cnil.fr) ![pixel](https://tracker.example/p.gif)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://cnil.fr" rel="noopener noreferrer">ok</a>');
    expect(html).not.toMatch(/<img/);
  });

  it('never emits a script tag or an event handler whatever the Markdown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('<script>x</script>', '<a href="javascript:x">y</a>', '<div onclick=x>', '<img src=x onerror=y>', ''), (s, evil) => {
        const html = renderMarkdown(`${s}${evil}${s}`);
        expect(html).not.toMatch(/<script|<img|<[a-z][^>]*\son\w+=|href="javascript:/i);
      }),
      { numRuns: 300 },
    );
  });
});

describe('training messages', () => {
  it('has every page, mail and CLI text in both French and English', async () => {
    await import('./pages.ts');
    await import('./messages.ts');
    const { checkCatalogues } = await import('../core/i18n.ts');
    const missing = checkCatalogues();
    expect(missing.missingEn.filter((k) => k.startsWith('train.'))).toEqual([]);
    expect(missing.missingFr.filter((k) => k.startsWith('train.'))).toEqual([]);
  });
});
