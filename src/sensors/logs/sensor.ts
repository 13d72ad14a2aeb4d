import type { DecoyInfo, DecoyLookup } from '../decoys.ts';
import type { SensorRecorder } from '../recorder.ts';
import { LineParser, type AuthEvent, type LogFormat } from './parsers.ts';

export interface LogStats {
  lines: number;
  events: number;
  decoyEvents: number;
  alerts: number;
}

/**
 * Watches authentication logs of the real servers for decoy accounts and beacon paths. A decoy
 * account has no real owner: any login attempt with it comes from someone who read the decoy.
 */
export class LogSensor {
  private parser: LineParser;
  private accounts = new Map<string, DecoyInfo | null>();
  readonly stats: LogStats = { lines: 0, events: 0, decoyEvents: 0, alerts: 0 };

  constructor(
    private readonly lookup: DecoyLookup,
    private readonly recorder: SensorRecorder,
    private readonly origin: string,
    format: LogFormat | 'auto' = 'auto',
  ) {
    this.parser = new LineParser(format);
  }

  private async account(user: string): Promise<DecoyInfo | undefined> {
    const k = user.toLowerCase();
    if (!this.accounts.has(k)) {
      if (this.accounts.size > 50_000) this.accounts.clear();
      this.accounts.set(k, (await this.lookup.byAccount(k)) ?? null);
    }
    return this.accounts.get(k) ?? undefined;
  }

  /** Handles one line; returns the event when it touched a decoy. */
  async line(raw: string, n: number): Promise<AuthEvent | undefined> {
    this.stats.lines++;
    const ev = this.parser.parse(raw);
    if (!ev) return undefined;
    this.stats.events++;
    const decoy = ev.token ? await this.lookup.byBeaconToken(ev.token) : ev.user ? await this.account(ev.user) : undefined;
    if (!decoy) return undefined;
    this.stats.decoyEvents++;
    const r = await this.recorder.recordNow({
      kind: 'log',
      at: ev.at ?? new Date(),
      source: ev.ip ?? `${this.origin}:${n}`,
      headers: { file: this.origin.slice(0, 300), line: String(n), format: ev.format, service: ev.service ?? '', success: ev.success === undefined ? '' : String(ev.success), raw: raw.slice(0, 500) },
      token: ev.token,
      username: ev.user,
      decoy,
    });
    this.stats.alerts += r.alerts;
    return ev;
  }
}
