/**
 * Times whole processes the way a user meets them: the built CLI (`node bin/rempart.js …`),
 * process start included. Wall time, user + system CPU seconds and peak RSS come from the
 * kernel's accounting of the finished child, read through GNU time (`/usr/bin/time`, Debian
 * package `time`); without it only the wall time is printed. Each command runs `runs` times after
 * one warm-up and the median is kept: a shared machine is noisy, the median and CPU time much less.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = [process.execPath, join(ROOT, 'bin/rempart.js')];
const GNU_TIME = '/usr/bin/time';

export interface ProcRun {
  wallS: number;
  /** user + system CPU seconds of the process and its children (NaN without GNU time). */
  cpuS: number;
  /** Peak resident memory of the largest process, MB (NaN without GNU time). */
  rssMb: number;
  code: number | null;
  stderr: string;
}

export interface ProcOptions {
  /** A file fed on stdin. */
  stdin?: string;
  /** Where stdout goes (default /dev/null: output is produced and discarded, as a pipe would). */
  stdout?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs one command once and measures it. */
export function timeOnce(cmd: string[], o: ProcOptions = {}): ProcRun {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-'));
  const report = join(dir, 'time');
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? [GNU_TIME, '-f', '%e %U %S %M', '-o', report, ...cmd] : cmd;
  const stdin = o.stdin ? openSync(o.stdin, 'r') : 'ignore';
  const stdout = openSync(o.stdout ?? '/dev/null', 'w');
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: [stdin, stdout, 'pipe'], env: { REMPART_NO_PROGRESS: '1', ...process.env, ...o.env }, cwd: o.cwd, timeout: o.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (typeof stdin === 'number') closeSync(stdin);
  closeSync(stdout);
  let run: ProcRun = { wallS: wall, cpuS: NaN, rssMb: NaN, code: r.status, stderr: r.stderr ?? '' };
  if (withTime && existsSync(report)) {
    const last = readFileSync(report, 'utf8').trim().split('\n').pop() ?? '';
    const [e, u, s, m] = last.split(' ').map(Number);
    if (Number.isFinite(e)) run = { ...run, wallS: e, cpuS: u + s, rssMb: m / 1024 };
  }
  rmSync(dir, { recursive: true, force: true });
  return run;
}

/**
 * timeOnce without blocking this process: for commands that talk to a server this process runs
 * (an SMTP sink, a replay server), which spawnSync would starve.
 */
export async function timeOnceAsync(cmd: string[], o: ProcOptions = {}): Promise<ProcRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-'));
  const report = join(dir, 'time');
  const withTime = existsSync(GNU_TIME);
  const argv = withTime ? [GNU_TIME, '-f', '%e %U %S %M', '-o', report, ...cmd] : cmd;
  const stdin = o.stdin ? openSync(o.stdin, 'r') : 'ignore';
  const stdout = openSync(o.stdout ?? '/dev/null', 'w');
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { stdio: [stdin, stdout, 'pipe'], env: { REMPART_NO_PROGRESS: '1', ...process.env, ...o.env }, cwd: o.cwd });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-64 * 1024)));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearTimeout(timer);
  const wall = (performance.now() - t0) / 1000;
  if (typeof stdin === 'number') closeSync(stdin);
  closeSync(stdout);
  let run: ProcRun = { wallS: wall, cpuS: NaN, rssMb: NaN, code, stderr };
  if (withTime && existsSync(report)) {
    const [e, u, s, m] = (readFileSync(report, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(e)) run = { ...run, wallS: e, cpuS: u + s, rssMb: m / 1024 };
  }
  rmSync(dir, { recursive: true, force: true });
  return run;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** Runs a command `runs` times after a warm-up; the median of each figure. */
export function timeProcess(cmd: string[], o: ProcOptions & { runs?: number; warmup?: number } = {}): ProcRun {
  for (let i = 0; i < (o.warmup ?? 1); i++) timeOnce(cmd, o);
  const runs = Array.from({ length: o.runs ?? 3 }, () => timeOnce(cmd, o));
  const failed = runs.find((r) => r.code !== 0);
  if (failed) throw new Error(`${cmd.slice(0, 4).join(' ')}… exited ${failed.code}: ${failed.stderr.slice(-400)}`);
  return { wallS: median(runs.map((r) => r.wallS)), cpuS: median(runs.map((r) => r.cpuS)), rssMb: median(runs.map((r) => r.rssMb)), code: 0, stderr: runs[runs.length - 1].stderr };
}

/** `12,345` */
export const int = (n: number) => Math.round(n).toLocaleString('en');

/** One line: what, how many, wall and CPU seconds, rate per wall second and per CPU second, peak RSS. */
export function describeRun(label: string, count: number, unit: string, r: ProcRun): string {
  const cpu = Number.isFinite(r.cpuS) ? `, ${r.cpuS.toFixed(2)} CPU-s = ${int(count / r.cpuS)} ${unit}/CPU-s` : '';
  const rss = Number.isFinite(r.rssMb) ? `, peak RSS ${int(r.rssMb)} MB` : '';
  return `${label}: ${int(count)} ${unit} in ${r.wallS.toFixed(2)} s wall = ${int(count / r.wallS)} ${unit}/s${cpu}${rss}`;
}

/** Peak RSS of this process so far, MB (for in-process kernels). */
export function selfPeakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
