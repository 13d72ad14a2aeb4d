/** Offset of Europe/Paris from UTC in minutes at an instant (EU rule: last Sundays of March and October, 01:00 UTC). */
export function parisOffset(d: Date): number {
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const t = d.getTime();
  return t >= lastSunday(2) && t < lastSunday(9) ? 120 : 60;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date in the sender's local time: "Tue, 11 Apr 2017 09:42:17 +0200". */
export function rfc5322Date(d: Date, offsetMinutes: number): string {
  const l = new Date(d.getTime() + offsetMinutes * 60000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const o = Math.abs(offsetMinutes);
  return `${DAYS[l.getUTCDay()]}, ${l.getUTCDate()} ${MONTHS[l.getUTCMonth()]} ${l.getUTCFullYear()} ${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}:${p2(l.getUTCSeconds())} ${sign}${p2(Math.floor(o / 60))}${p2(o % 60)}`;
}

/** Local wall-clock hour and weekday (0 = Sunday) in Paris. */
export function parisLocal(d: Date): { hour: number; day: number; date: Date } {
  const l = new Date(d.getTime() + parisOffset(d) * 60000);
  return { hour: l.getUTCHours() + l.getUTCMinutes() / 60, day: l.getUTCDay(), date: l };
}
