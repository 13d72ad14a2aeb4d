import { describe, expect, it } from 'vitest';
import { addDomain } from '../org/index.ts';
import { openTestStore } from '../store/testing.ts';
import { DEMO_FEED, loadDomainsDemo } from './demo.ts';
import { listLookalikes } from './index.ts';

describe('domains demo step', () => {
  it('finds the 2017 lookalikes in the demo feed with the real matcher, and only them; twice is once', async () => {
    const t = await openTestStore('sqlite');
    try {
      await addDomain(t.store.db, 'en-marche.fr', 'protected', 'demo');
      expect(await loadDomainsDemo(t.store)).toMatch(/6 new lookalikes/);
      const found = (await listLookalikes(t.store.db)).map((l) => l.domain).sort();
      expect(found).toEqual(['en-marche-fr.com', 'en-marche.fr.secure-login.com', 'en-rnarche.fr', 'mail-en-marche.fr', 'onedrive-en-marche.fr', 'xn--n-marche-b8g.fr']);
      expect(DEMO_FEED).toContain('marche.fr');
      expect(await loadDomainsDemo(t.store)).toMatch(/0 new lookalikes/);
    } finally {
      await t.cleanup();
    }
  });
});
