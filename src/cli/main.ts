import { Command, CommanderError } from 'commander';
import { isRempartError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { commandGroups } from './commands/index.ts';

/** The top-level verb named on the command line (`rempart mail triage …` → mail), if any. */
function verbOf(args: string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Builds the `rempart` program for these arguments; exported so tests can run verbs in-process.
 * Only the group of the verb being run is imported (all of them with `all`); the others appear in
 * the help by name and description, so `rempart --version` starts in a few tens of milliseconds.
 */
export async function buildProgram(args: string[] = [], opts: { all?: boolean } = {}): Promise<Command> {
  const program = new Command('rempart')
    .description('Rempart: défense des organisations ciblées / defence for targeted organisations')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(rempart --help pour l’aide / for help)')
    .configureHelp({ sortSubcommands: false });
  const verb = verbOf(args);
  for (const g of commandGroups) {
    if (opts.all || (verb !== undefined && verb in g.verbs)) (await g.load())(program);
    else for (const [name, description] of Object.entries(g.verbs)) program.command(name).description(description).allowUnknownOption().allowExcessArguments();
  }
  return program;
}

/** Runs the CLI: one clear line and a non-zero exit code on any error, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  // `rempart … --json | head`: the reader went away; stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    const program = (await buildProgram(argv.slice(2))).exitOverride();
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (isRempartError(e)) {
      process.stderr.write(`rempart: ${e.message} [${e.id}]\n`);
      process.exitCode = e.status >= 500 ? 3 : 2;
      return;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') {
      process.stderr.write(`rempart: ${err.message} [io.${err.code.toLowerCase()}]\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`rempart: unexpected error: ${err.message}${process.env.REMPART_DEBUG ? `\n${err.stack}` : ' (REMPART_DEBUG=1 for details)'} [internal]\n`);
    process.exitCode = 1;
  }
}

// Run directly from the sources (`npm run rempart`, tsx); the shipped bin/rempart.js calls main() itself.
if (process.argv[1] && /main\.ts$/.test(process.argv[1])) await main(process.argv);
