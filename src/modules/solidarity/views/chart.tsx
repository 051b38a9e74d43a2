// A bar chart as server-rendered SVG: no script, no inline style (colours come
// from classes in the stylesheet). It is an image with a title and a
// description for screen readers; the same figures are always in a table
// beside it, which is what assistive technology and copy-paste should use.

export interface BarGroup {
  label: string;
  bars: { value: number; cls: string; text: string }[];
}

const W = 640;
const H = 260;
const LEFT = 8;
const TOP = 28;
const BOTTOM = 36;

export function BarChart({ id, title, desc, groups, legend }: { id: string; title: string; desc: string; groups: BarGroup[]; legend: { cls: string; label: string }[] }) {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const plotH = H - TOP - BOTTOM;
  const slot = (W - LEFT * 2) / Math.max(1, groups.length);
  const perBar = Math.min(40, (slot * 0.8) / Math.max(1, groups[0]?.bars.length ?? 1));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {legend.map((l, i) => (
          <g>
            <rect class={l.cls} x={LEFT + i * 160} y={6} width={14} height={14} />
            <text x={LEFT + i * 160 + 20} y={18}>
              {l.label}
            </text>
          </g>
        ))}
        <line class="axis" x1={LEFT} x2={W - LEFT} y1={TOP + plotH} y2={TOP + plotH} />
        {groups.map((g, gi) => {
          const x0 = LEFT + gi * slot + (slot - perBar * g.bars.length) / 2;
          return (
            <g>
              {g.bars.map((b, bi) => {
                const h = Math.round((Math.max(0, b.value) / max) * plotH);
                return (
                  <rect class={b.cls} x={x0 + bi * perBar} y={TOP + plotH - h} width={Math.max(1, perBar - 2)} height={h}>
                    <title>{`${g.label}: ${b.text}`}</title>
                  </rect>
                );
              })}
              <text x={LEFT + gi * slot + slot / 2} y={H - 14} text-anchor="middle">
                {g.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
