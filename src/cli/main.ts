import { Command, CommanderError } from 'commander';
import { isRempartError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { commandGroups } from './commands/index.ts';

/** Builds the `rempart` program; exported so tests can run verbs in-process. */
export function buildProgram(): Command {
  const program = new Command('rempart')
    .description('Rempart: défense des organisations ciblées / defence for targeted organisations')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(rempart --help pour l’aide / for help)')
    .configureHelp({ sortSubcommands: false });
  for (const g of commandGroups) g(program);
  return program;
}

/** Runs the CLI: one clear line and a non-zero exit code on any error, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  // `rempart … --json | head`: the reader went away; stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram().exitOverride();
  try {
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

if (process.argv[1] && /(?:rempart(?:\.js)?|main\.ts)$/.test(process.argv[1])) await main(process.argv);
