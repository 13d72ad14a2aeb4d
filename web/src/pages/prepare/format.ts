/** Small formatting helpers shared by the drill and training pages. */

/** A share as a percentage with at most one decimal, from a 0..100 figure. */
export function pct(v: number | null | undefined, locale: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)} %`;
}

/** A duration in seconds as the two largest units ("2 h 05 min", "3 j 4 h"). */
export function duration(seconds: number | null | undefined, lang: 'fr' | 'en'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const day = lang === 'fr' ? 'j' : 'd';
  if (d > 0) return `${d} ${day} ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** Value for an <input type="datetime-local"> from a Date, in the browser's time zone. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
