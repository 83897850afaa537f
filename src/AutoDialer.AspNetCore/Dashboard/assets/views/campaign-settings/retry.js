// When a contact is dialled again (retry): attempts in all and per day, and per call outcome either a delay (minutes)
// or "final" (never dialled again after it).
import { attrs, html } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { durationOf, field, intOf, minutesOf } from './fields.js';

export const id = 'retry';
export const titleKey = 'set_retry';

const outcomes = ['busy', 'no_answer', 'rejected', 'failed', 'unknown', 'answered', 'blacklisted', 'invalid'];

export function render(settings) {
  const retry = settings.retry;
  return html`<div class="row">
      ${field('set_max_attempts', html`<input name="max_attempts" class="w-int" inputmode="numeric" data-field="retry.max_attempts" data-testid="max-attempts" ${attrs({ value: retry.max_attempts })}>`, 'set_max_attempts_hint')}
      ${field('set_max_attempts_per_day', html`<input name="max_attempts_per_day" class="w-int" inputmode="numeric" data-field="retry.max_attempts_per_day" data-testid="max-attempts-per-day" ${attrs({ value: retry.max_attempts_per_day })}>`)}
    </div>
    <table class="compact" data-field="retry.final_outcomes" data-testid="retry-outcomes"><thead><tr><th>${t('outcome')}</th><th>${t('set_delay_minutes')}</th><th>${t('set_final')}</th></tr></thead>
      <tbody>${outcomes.map(o => html`<tr data-outcome="${o}"><td>${t('outcome_' + o)}</td>
        <td><input name="delay" class="w-int" inputmode="decimal" data-field="retry.delays.${o}" ${attrs({ value: minutesOf(retry.delays[o]) })}></td>
        <td><input type="checkbox" name="final" ${attrs({ checked: retry.final_outcomes.includes(o), 'aria-label': t('set_final') })}></td></tr>`)}</tbody></table>
    <p class="muted small">${t('set_retry_hint')}</p>`;
}

export function read(form) {
  const section = form.querySelector('[data-section="retry"]');
  const delays = {};
  const finals = [];
  for (const row of section.querySelectorAll('tr[data-outcome]')) {
    const outcome = row.dataset.outcome;
    const delay = durationOf(row.querySelector('[name=delay]').value);
    if (delay !== null) delays[outcome] = delay;
    if (row.querySelector('[name=final]').checked) finals.push(outcome);
  }
  return {
    retry: {
      delays,
      max_attempts: intOf(section.querySelector('[name=max_attempts]')),
      max_attempts_per_day: intOf(section.querySelector('[name=max_attempts_per_day]')),
      final_outcomes: finals,
    },
  };
}
