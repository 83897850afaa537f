// Hand-drawn SVG charts: outcomes as horizontal bars, calls per hour as columns (attempts behind, answered in front).
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtInt } from '../../lib/format.js';

const outcomeColours = { answered: '#2e9e5b', no_answer: '#9aa3b2', busy: '#d99a1e', rejected: '#c46a2b', failed: '#d2463c', blacklisted: '#6b2fa8', invalid: '#7b4a3a', unknown: '#4f5b73' };

/** outcomes: outcome → count. */
export function outcomeChart(outcomes) {
  const counts = outcomes ?? {};
  const keys = Object.keys(counts).sort((a, b) => counts[b] - counts[a]);
  if (!keys.length) return html`<p class="muted">${t('no_data')}</p>`;
  const max = Math.max(...keys.map(k => counts[k]));
  const rowH = 26, labelW = 110, width = 520, barW = width - labelW - 70;
  return html`<svg class="chart" data-testid="outcome-chart" viewBox="0 0 ${width} ${keys.length * rowH + 4}" role="img" aria-label="${t('outcomes')}">${keys.map((k, i) => {
    const y = i * rowH + 4, w = Math.max(2, barW * counts[k] / max);
    return html`<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${k}</text><rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="16" rx="3" fill="${outcomeColours[k] ?? '#2455c3'}"></rect><text x="${labelW + w + 6}" y="${y + 14}">${fmtInt(counts[k])}</text>`;
  })}</svg>`;
}

/** hours: [{ hour, attempts, answered }] for the 24 hours of a day. */
export function hourlyChart(hours) {
  const width = 560, height = 180, left = 34, bottom = 20, top = 10, usable = height - top - bottom;
  const max = Math.max(1, ...hours.map(h => h.attempts));
  const colW = (width - left) / 24;
  const gridLines = (max >= 4 ? [0, 0.5, 1] : [0, 1]).map(f => {
    const y = top + usable * (1 - f);
    return html`<line x1="${left}" x2="${width}" y1="${y}" y2="${y}" stroke="#e3e7ee"></line><text x="${left - 4}" y="${y + 4}" text-anchor="end">${fmtInt(Math.round(max * f))}</text>`;
  });
  const columns = hours.map(h => {
    const x = left + h.hour * colW + 2, ha = usable * h.attempts / max, hb = usable * h.answered / max;
    return html`<rect x="${x.toFixed(1)}" y="${(top + usable - ha).toFixed(1)}" width="${(colW - 4).toFixed(1)}" height="${ha.toFixed(1)}" fill="#9db7ee"><title>${h.hour}:00 ${h.attempts}</title></rect><rect x="${x.toFixed(1)}" y="${(top + usable - hb).toFixed(1)}" width="${(colW - 4).toFixed(1)}" height="${hb.toFixed(1)}" fill="#2e9e5b"></rect>${h.hour % 3 === 0 ? html`<text x="${x + colW / 2 - 2}" y="${height - 5}" text-anchor="middle">${h.hour}</text>` : ''}`;
  });
  return html`<svg class="chart" data-testid="hourly-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${t('calls_per_hour')}">${gridLines}${columns}</svg>`;
}
