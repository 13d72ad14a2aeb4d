import type { Command } from 'commander';
import { loadDemo } from '../../demo/index.ts';
import { withContext } from '../context.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Load the 2017 campaign scenario (staff, domains, alerts) so the dashboard comes alive')
    .action(() =>
      withContext(async ({ store, box, config }) => {
        await loadDemo(store, box, (m) => process.stdout.write(`✓ ${m}\n`), config);
        process.stdout.write(`Démo chargée dans ${store.label}. Lancez / run: npm start\n`);
      }),
    );
}
