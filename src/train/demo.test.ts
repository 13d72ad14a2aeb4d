import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStaffCsv } from '../org/index.ts';
import { demoStaffCsv } from '../demo/staff.ts';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { demoTrainingStep } from './demo.ts';
import { progressReport } from './progress.ts';

describe('training demo step', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await importStaffCsv(t.store, demoStaffCsv());
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('loads the follow-up of the April 2017 drill once, with some lessons completed and some overdue', async () => {
    const msg = await demoTrainingStep(t.store);
    expect(msg).toMatch(/lessons assigned after the April 2017 drill, \d+ completed, 1 exercise/);
    expect(await t.store.db.selectFrom('train_org_exercises').select('id').execute()).toHaveLength(1);
    const r = await progressReport(t.store.db, new Date('2017-05-01T00:00:00Z'));
    expect(r.totals.completed).toBeGreaterThan(0);
    expect(r.totals.overdue).toBeGreaterThan(0);
    expect(r.groups.map((g) => g.department)).toContain('finances');
    const count = (await t.store.db.selectFrom('train_assignments').select('id').execute()).length;
    expect(await demoTrainingStep(t.store)).toMatch(/already loaded/);
    expect((await t.store.db.selectFrom('train_assignments').select('id').execute()).length).toBe(count);
  });
});
