import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MAIL_LIMITS } from './parse/parse.ts';

/** One raw message from some source, or the reason it could not be read. */
export interface RawItem {
  /** File path, `mbox#N`, or `maildir/cur/…`. */
  name: string;
  raw?: Buffer;
  error?: { id: string; message: string };
}

const MAX_FILES = 200_000;

/** Every message file under the given paths: .eml and Outlook .msg files, Maildir entries, mbox files split on "From " lines. */
export async function* readMessages(paths: string[]): AsyncGenerator<RawItem> {
  let count = 0;
  for (const p of paths) {
    for (const file of walk(p)) {
      if (++count > MAX_FILES) {
        yield { name: file, error: { id: 'mail.too_many_files', message: `more than ${MAX_FILES} files` } };
        return;
      }
      let st;
      try {
        st = statSync(file);
      } catch (e) {
        yield { name: file, error: { id: 'io.unreadable', message: (e as Error).message } };
        continue;
      }
      if (st.size > MAIL_LIMITS.maxBytes && !/\.mbox$|mbox$/i.test(file)) {
        yield { name: file, error: { id: 'mail.too_large', message: `${(st.size / 1048576).toFixed(1)} MB, above the ${MAIL_LIMITS.maxBytes / 1048576} MB limit` } };
        continue;
      }
      if (isMbox(file)) {
        yield* splitMbox(file);
        continue;
      }
      try {
        yield { name: file, raw: readFileSync(file) };
      } catch (e) {
        yield { name: file, error: { id: 'io.unreadable', message: (e as Error).message } };
      }
    }
  }
}

function* walk(p: string, depth = 0): Generator<string> {
  let st;
  try {
    st = statSync(p);
  } catch {
    yield p; // reported as unreadable by the caller
    return;
  }
  if (!st.isDirectory()) {
    yield p;
    return;
  }
  if (depth > 20) return;
  for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const full = join(p, e.name);
    if (e.isDirectory()) yield* walk(full, depth + 1);
    else if (e.isFile()) yield full;
  }
}

function isMbox(file: string): boolean {
  if (/\.mbox$/i.test(file) || /(^|\/)mbox$/i.test(file)) return true;
  let fd: number | undefined;
  try {
    // Five bytes, not the whole file: a 90 MB message is not read twice to learn it is not an mbox.
    fd = openSync(file, 'r');
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'From ';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Streams an mbox, one message per "From " separator line; never holds the whole file. */
async function* splitMbox(file: string): AsyncGenerator<RawItem> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'latin1' }), crlfDelay: Infinity });
  let lines: string[] = [];
  let size = 0;
  let n = 0;
  let tooBig = false;
  // A separator was read (or text before any separator): that message gets an outcome, even if empty.
  let open = false;
  let yielded = 0;
  const flush = (): RawItem => {
    const name = `${file}#${n}`;
    const item: RawItem = tooBig
      ? { name, error: { id: 'mail.too_large', message: `message ${n} of the mbox is above the size limit` } }
      : lines.every((l) => l.trim() === '')
        ? { name, error: { id: 'mail.empty_message', message: `message ${n} of the mbox has a "From " line and no message` } }
        : { name, raw: Buffer.from(lines.join('\n').replace(/^>(>*From )/gm, '$1'), 'latin1') };
    lines = [];
    size = 0;
    tooBig = false;
    open = false;
    yielded++;
    return item;
  };
  for await (const line of rl) {
    if (line.startsWith('From ')) {
      if (open) yield flush();
      n++;
      open = true;
      continue;
    }
    if (!open && n === 0 && line.trim() === '' && lines.length === 0) continue;
    open = true;
    size += line.length + 1;
    if (size > MAIL_LIMITS.maxBytes) tooBig = true;
    else lines.push(line);
  }
  if (open) yield flush();
  if (yielded === 0) yield { name: file, error: { id: 'mail.empty_message', message: 'empty mbox: no message in it' } };
}
