import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { commandGroups } from './index.ts';
import { buildProgram } from '../main.ts';

describe('CLI command groups', () => {
  it('declares exactly the verbs and descriptions each group registers when loaded', async () => {
    for (const g of commandGroups) {
      const p = new Command();
      (await g.load())(p);
      expect(Object.fromEntries(p.commands.map((c) => [c.name(), c.description()]))).toEqual(g.verbs);
    }
  });

  it('loads only the group of the verb being run, and lists every verb in the help', async () => {
    const p = await buildProgram(['org', 'staff']);
    const org = p.commands.find((c) => c.name() === 'org');
    const mail = p.commands.find((c) => c.name() === 'mail');
    expect(org?.commands.map((c) => c.name())).toContain('staff');
    expect(mail?.commands).toEqual([]);
    const all = await buildProgram([], { all: true });
    expect(all.commands.map((c) => c.name())).toEqual(commandGroups.flatMap((g) => Object.keys(g.verbs)));
  });
});
