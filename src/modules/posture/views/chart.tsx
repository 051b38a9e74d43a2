// A line chart of scores over time as server-rendered SVG: no script, no inline
// style (colours and dash patterns come from classes in the stylesheet). It is
// one image with a title and a description for screen readers; every point has
// its own <title>; the same figures are always in a table beside it.

export interface Series {
  label: string;
  /** measured | self | combined: picks the line's class. */
  kind: string;
  points: { at: Date; value: number | undefined; text: string }[];
}

const W = 640;
const H = 240;
const LEFT = 44;
const RIGHT = 12;
const TOP = 34;
const BOTTOM = 30;

export function LineChart({
  id,
  title,
  desc,
  series,
  from,
  to,
  fromLabel,
  toLabel,
  dots = true,
}: {
  id: string;
  title: string;
  desc: string;
  series: Series[];
  from: Date;
  to: Date;
  fromLabel: string;
  toLabel: string;
  /** A marker with its own <title> per point; charts shown side by side leave them out to stay small. */
  dots?: boolean;
}) {
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const span = Math.max(1, to.getTime() - from.getTime());
  const x = (d: Date) => LEFT + ((d.getTime() - from.getTime()) / span) * plotW;
  const y = (v: number) => TOP + (1 - Math.min(1, Math.max(0, v))) * plotH;
  const r = (n: number) => Math.round(n * 10) / 10;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {series.map((s, i) => (
          <g>
            <line class={`line line-${s.kind}`} x1={LEFT + i * 190} x2={LEFT + i * 190 + 24} y1={14} y2={14} />
            <text x={LEFT + i * 190 + 30} y={18}>
              {s.label}
            </text>
          </g>
        ))}
        {[0, 0.5, 1].map((v) => (
          <g>
            <line class={v === 0 ? 'axis' : 'grid'} x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end">{`${Math.round(v * 100)}%`}</text>
          </g>
        ))}
        <text x={LEFT} y={H - 8}>
          {fromLabel}
        </text>
        <text x={W - RIGHT} y={H - 8} text-anchor="end">
          {toLabel}
        </text>
        {series.map((s) => {
          // A gap in the data (nothing to count at that moment) breaks the line rather than drawing 0.
          const runs: { at: Date; value: number; text: string }[][] = [];
          let run: { at: Date; value: number; text: string }[] = [];
          for (const p of s.points) {
            if (p.value === undefined) {
              if (run.length) runs.push(run);
              run = [];
            } else run.push({ at: p.at, value: p.value, text: p.text });
          }
          if (run.length) runs.push(run);
          return (
            <g>
              {runs.map((points) =>
                points.length > 1 ? <polyline class={`line line-${s.kind}`} points={points.map((p) => `${r(x(p.at))},${r(y(p.value))}`).join(' ')} /> : null,
              )}
              {(dots ? runs.flat() : runs.filter((r) => r.length === 1).flat()).map((p) => (
                <circle class={`dot-${s.kind}`} cx={r(x(p.at))} cy={r(y(p.value))} r={3}>
                  <title>{`${s.label}: ${p.text}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
