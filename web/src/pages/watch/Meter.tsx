/** A share 0..1 as a bar and a percentage; red from 30 %, where coordination carries the story. */
export function Meter({ value }: { value: number }) {
  const pct = Math.round(value * 100);
  return (
    <span className="meter">
      <span className="meter-track" aria-hidden="true">
        <span className={`meter-fill${value >= 0.3 ? ' hot' : ''}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="meter-value">{pct} %</span>
    </span>
  );
}
