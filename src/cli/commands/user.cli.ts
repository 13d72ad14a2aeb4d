import type { Command } from 'commander';
import { cliActor, createApiToken, createUser, findUser, listUsers, resetPassword, setUserDisabled } from '../../access/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

export function registerUser(program: Command): void {
  const user = program.command('user').description('Dashboard users: add, list, disable, reset-password, token');

  user
    .command('add <username>')
    .description('Create a user; prints a one-time password once')
    .requiredOption('-r, --role <role>', 'admin, analyst or viewer')
    .option('-n, --name <displayName>', 'display name')
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--json', 'JSON output')
    .action((username: string, opts: { role: string; name?: string; lang: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        const { user: u, password } = await createUser(store, cliActor(), { username, role: opts.role, displayName: opts.name, lang: opts.lang === 'en' ? 'en' : 'fr' });
        if (opts.json) printJsonLine({ ...u, password });
        else process.stdout.write(`Utilisateur ${u.username} (${u.role}) créé.\nMot de passe à usage unique / one-time password: ${password}\n`);
      }),
    );

  user
    .command('list')
    .description('List users')
    .option('--json', 'one JSON line per user')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store }) => {
        const users = await listUsers(store.db);
        if (opts.json) users.forEach(printJsonLine);
        else printTable(users.map((u) => ({ username: u.username, name: u.displayName, role: u.role, status: u.disabled ? 'disabled' : 'active', lastLogin: u.lastLoginAt ?? '' })));
      }),
    );

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(`${verb} <username>`)
      .description(disabled ? 'Disable a user and close their sessions' : 'Enable a disabled user')
      .action((username: string) =>
        withContext(async ({ store }) => {
          const u = await setUserDisabled(store, cliActor(), username, disabled);
          process.stdout.write(`${u.username}: ${u.disabled ? 'disabled' : 'active'}\n`);
        }),
      );
  }

  user
    .command('reset-password <username>')
    .description('Give a user a new one-time password (printed once) and close their sessions')
    .action((username: string) =>
      withContext(async ({ store }) => {
        const { user: u, password } = await resetPassword(store, cliActor(), username);
        process.stdout.write(`${u.username}: nouveau mot de passe à usage unique / new one-time password: ${password}\n`);
      }),
    );

  user
    .command('token <username>')
    .description('Create an API token for automation (printed once)')
    .option('--name <name>', 'what the token is for', 'cli')
    .action((username: string, opts: { name: string }) =>
      withContext(async ({ store }) => {
        const u = await findUser(store.db, username);
        const { token } = await createApiToken(store, cliActor(), u.id, opts.name);
        process.stdout.write(`${token}\n`);
      }),
    );
}
