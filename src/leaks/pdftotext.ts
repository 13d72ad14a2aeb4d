import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let available: boolean | undefined;

/** Whether Debian's `pdftotext` (poppler-utils) is installed. */
export function havePdftotext(): boolean {
  available ??= spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
  return available;
}

/**
 * Text of a PDF written by any producer (LibreOffice, Word, scanners' OCR layer), through
 * `pdftotext` with a time limit: a corrupt or hostile PDF costs at most `timeoutMs`. The bytes go to
 * a private temp file that is removed afterwards; nothing else is written.
 */
export async function pdfText(data: Buffer, timeoutMs = 20_000): Promise<string | undefined> {
  if (!havePdftotext()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'rempart-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, data, { mode: 0o600 });
    return await new Promise<string | undefined>((res) => {
      execFile('pdftotext', ['-q', '-enc', 'UTF-8', '-nopgbrk', file, '-'], { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => res(err ? undefined : stdout));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
