import cliProgress from 'cli-progress';

/** Writes one JSON object per line on stdout (the `--json` contract of every listing verb). */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function width(s: string): number {
  // Counts code points; good enough for accented French names.
  return [...s].length;
}

/** Prints rows as an aligned table with a header, for humans. */
export function printTable(rows: Array<Record<string, unknown>>, columns?: string[], out: NodeJS.WritableStream = process.stdout): void {
  if (rows.length === 0) {
    out.write('(aucun résultat / no results)\n');
    return;
  }
  const cols = columns ?? Object.keys(rows[0]);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ').slice(0, 80);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]))));
  const line = (vals: string[]) => vals.map((v, i) => v + ' '.repeat(widths[i] - width(v))).join('  ').trimEnd();
  out.write(`${line(cols.map((c) => c.toUpperCase()))}\n`);
  for (const r of cells) out.write(`${line(r)}\n`);
}

export interface Progress {
  tick(n?: number, label?: string): void;
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for work that may take more than a second. It draws only when stderr is
 * a terminal, so pipes and CI logs stay clean, and it appears only after `delayMs`.
 */
export function progress(total: number, label: string, opts: { delayMs?: number; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = stream.isTTY === true && process.env.REMPART_NO_PROGRESS !== '1';
  let bar: cliProgress.SingleBar | undefined;
  let value = 0;
  let currentTotal = total;
  const started = Date.now();
  const delay = opts.delayMs ?? 1000;
  const ensure = () => {
    if (!enabled || bar || Date.now() - started < delay) return;
    bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} | {item}`, hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(currentTotal, value, { item: '' });
  };
  return {
    tick(n = 1, item = '') {
      value += n;
      ensure();
      bar?.update(value, { item: item.slice(-40) });
    },
    setTotal(t) {
      currentTotal = t;
      bar?.setTotal(t);
    },
    stop() {
      bar?.stop();
    },
  };
}
