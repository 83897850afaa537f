// A campaign's progress: the stacked bar (answered / failed / suppressed / dialling over all contacts), its legend
// and the dialling rate.
import { html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { fmtInt } from '../../lib/format.js';

export function progressBar(p, testId) {
  const total = Math.max(1, p.contacts);
  const width = n => (100 * n / total).toFixed(3);
  const summary = `${t('answered')} ${p.answered} · ${t('failed')} ${p.failed} · ${t('suppressed')} ${p.suppressed} · ${t('pending')} ${p.remaining}`;
  return html`<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="${p.contacts}" aria-valuenow="${p.done + p.suppressed}"
    data-testid="${testId}" data-done="${p.done}" data-answered="${p.answered}" data-failed="${p.failed}" data-suppressed="${p.suppressed}"
    data-pending="${p.remaining}" title="${summary}"><span class="answered" data-width="${width(p.answered)}"></span><span class="failed" data-width="${width(p.failed)}"></span><span class="suppressed" data-width="${width(p.suppressed)}"></span><span class="dialing" data-width="${width(p.dialing)}"></span></div>`;
}

export function legend(p) {
  const entries = [['answered', p.answered], ['failed', p.failed], ['suppressed', p.suppressed], ['dialing', p.dialing], ['pending', p.pending + p.deferred]];
  return html`<div class="legend">${entries.map(([key, n]) => html`<span><i class="${key}"></i>${t(key)} ${fmtInt(n)}</span>`)}</div>`;
}

export function rateText(p) {
  return p.attempts_per_second > 0 ? t('per_min', { n: fmtInt(Math.round(p.attempts_per_second * 60)) }) : '—';
}
