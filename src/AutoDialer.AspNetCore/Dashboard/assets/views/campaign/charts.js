// Outcomes so far, and calls per hour of the campaign's day, from the live snapshots.
import { html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { hourlyChart, outcomeChart } from '../parts/charts.js';

export const id = 'charts';

export function render() {
  return html`<div class="grid2"><div class="panel"><h2>${t('outcomes')}</h2><div id="c-outcomes"></div></div>
    <div class="panel"><h2>${t('calls_per_hour')} <span class="muted small" id="c-day"></span></h2><div id="c-hours"></div></div></div>`;
}

export function mount(root) {
  const outcomes = root.querySelector('#c-outcomes');
  const day = root.querySelector('#c-day');
  const hours = root.querySelector('#c-hours');
  return {
    update(snapshot) {
      show(outcomes, outcomeChart(snapshot.outcomes));
      day.textContent = snapshot.day;
      show(hours, hourlyChart(snapshot.hours));
    },
  };
}
