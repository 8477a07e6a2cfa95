import { html, type SafeHtml } from './html.ts';

/** Inline SVG charts for the dashboard: no chart library, no script, readable without colour. */
export const PALETTE = ['#b0202a', '#0969da', '#1a7f37', '#bf8700', '#8250df', '#57606a'];

export interface Series {
  label: string;
  values: number[];
}

/** Stacked columns, one per x label (days), one colour per series (categories). */
export function stackedColumns(options: { labels: string[]; series: Series[]; title: string; height?: number }): SafeHtml {
  const { labels, series, title } = options;
  const height = options.height ?? 200;
  const width = Math.max(320, labels.length * 36 + 40);
  const totals = labels.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plot = height - 40;
  const col = (width - 40) / Math.max(1, labels.length);
  const bars = labels.map((label, i) => {
    let y = plot + 10;
    const x = 30 + i * col + col * 0.15;
    const w = col * 0.7;
    const rects = series.map((s, k) => {
      const v = s.values[i] ?? 0;
      if (!v) return html``;
      const h = (v / max) * plot;
      y -= h;
      return html`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]!}"><title>${label} ${s.label}: ${v}</title></rect>`;
    });
    return html`${rects}<text x="${(x + w / 2).toFixed(1)}" y="${height - 14}" text-anchor="middle">${label}</text>${totals[i] ? html`<text x="${(x + w / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle">${totals[i]!}</text>` : ''}`;
  });
  return html`<figure>
<svg role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" preserveAspectRatio="xMinYMin meet">
<line x1="28" y1="${plot + 10}" x2="${width - 8}" y2="${plot + 10}" stroke="#d0d7de"/>
<text x="2" y="16">${max}</text>
${bars}
</svg>
<figcaption class="legend">${series.map((s, k) => html`<span><svg width="10" height="10"><rect width="10" height="10" fill="${PALETTE[k % PALETTE.length]!}"/></svg> ${s.label}</span>`)}</figcaption>
</figure>`;
}

/** Horizontal bars with the value written at the end. */
export function horizontalBars(options: { items: { label: string; value: number }[]; title: string; color?: string }): SafeHtml {
  const { items, title } = options;
  const max = Math.max(1, ...items.map((i) => i.value));
  const row = 24;
  const height = items.length * row + 8;
  return html`<svg role="img" aria-label="${title}" viewBox="0 0 400 ${height}" width="100%" height="${height}">
${items.map((item, i) => {
  const w = (item.value / max) * 280;
  return html`<text x="0" y="${i * row + 17}">${item.label}</text><rect x="70" y="${i * row + 5}" width="${w.toFixed(1)}" height="16" fill="${options.color ?? PALETTE[1]!}"/><text x="${(76 + w).toFixed(1)}" y="${i * row + 17}">${item.value}</text>`;
})}
</svg>`;
}
