import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SOFFICE = '/usr/bin/soffice';

/**
 * Whether LibreOffice headless is installed. Missing on a developer machine the tests skip;
 * missing in CI (CI=true) is a failure, since .ci/run installs it.
 */
export function libreOfficeAvailable(): boolean {
  const have = existsSync(SOFFICE);
  if (!have && process.env.CI) throw new Error('soffice is required in CI (.ci/packages.txt: soffice libreoffice-writer-nogui)');
  if (!have) console.warn('skipping LibreOffice tests: /usr/bin/soffice not found (apt-get install -y libreoffice-writer-nogui)');
  return have;
}

/** Runs a command, killing it after `timeoutMs`; resolves with its exit code (null when killed). */
export function runWithTimeout(cmd: string, args: string[], timeoutMs: number): Promise<number | null> {
  return new Promise((res) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(t);
      res(code);
    });
  });
}
