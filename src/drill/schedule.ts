/**
 * Spreads sends at random over a window, inside working hours of a time zone, weekdays only, so a
 * drill does not arrive as one burst that staff warn each other about.
 */
export interface SendWindow {
  start: Date;
  end: Date;
  /** "HH:MM-HH:MM" local working hours. */
  hours: string;
  tz: string;
}

export function parseHours(hours: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(hours.trim());
  if (!m) throw new Error(`hours must look like 09:00-18:00, got "${hours}"`);
  const a = Number(m[1]) * 60 + Number(m[2]);
  const b = Number(m[3]) * 60 + Number(m[4]);
  if (a >= b || b > 24 * 60) throw new Error(`empty working hours "${hours}"`);
  return [a, b];
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function localParts(d: Date, tz: string): { minutes: number; weekday: number } {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    fmtCache.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday };
}

export function inWorkingHours(d: Date, w: Pick<SendWindow, 'hours' | 'tz'>): boolean {
  const [a, b] = parseHours(w.hours);
  const { minutes, weekday } = localParts(d, w.tz);
  return weekday >= 1 && weekday <= 5 && minutes >= a && minutes < b;
}

/** `count` send times in the window (sorted), each inside working hours. */
export function spreadSends(count: number, w: SendWindow, random: () => number = Math.random): Date[] {
  const span = w.end.getTime() - w.start.getTime();
  if (!(span > 0)) throw new Error('the sending window ends before it starts');
  parseHours(w.hours);
  new Intl.DateTimeFormat('en', { timeZone: w.tz }); // throws RangeError on an unknown zone
  const out: Date[] = [];
  for (let i = 0; i < count; i++) {
    let d: Date | undefined;
    for (let tries = 0; tries < 2000 && !d; tries++) {
      const c = new Date(w.start.getTime() + Math.floor(random() * span));
      if (inWorkingHours(c, w)) d = c;
    }
    if (!d) throw new Error('the sending window contains no working hours');
    out.push(d);
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}
