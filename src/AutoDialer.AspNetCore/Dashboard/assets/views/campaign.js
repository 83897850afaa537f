// #/campaigns/ID: one campaign, composed of the section modules in campaign/, top to bottom in the order below.
// A new part of the page is a new section module added to this list, not an edit of the others (docs/dashboard.md).
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { live } from '../lib/live.js';
import * as header from './campaign/header.js';
import * as progress from './campaign/progress.js';
import * as diagnostics from './campaign/diagnostics.js';
import * as settings from './campaign/settings.js';
import * as charts from './campaign/charts.js';
import * as attempts from './campaign/attempts.js';
import * as reportLink from './campaign/report-link.js';
import * as dispositions from './campaign/dispositions.js';

/**
 * Each section exports:
 *   id                               a name, unique on the page (its wrapper carries data-section="id");
 *   render(campaign) → html`…`       its first paint, from GET api/campaigns/ID;
 *   mount(root, campaign, context)   optional: wires its behaviour inside root (its wrapper) and may return
 *                                    { update(snapshot) }, called with every live snapshot of the campaign:ID topic
 *                                    ({ progress, outcomes, day, hours }). context: { signal } (aborted when the view is left).
 */
export const sections = [header, progress, diagnostics, settings, charts, dispositions, reportLink, attempts];

export async function mount(view, { parts, signal }) {
  const id = parts[1];
  if (!/^\d+$/.test(id)) { render(view, html`<p class="error">${t('error')}: ${id}</p>`); return; }
  render(view, html`<p class="muted">${t('loading')}</p>`);
  let campaign;
  try {
    campaign = await api('campaigns/' + id, { signal });
  } catch (error) {
    if (error.name !== 'AbortError') render(view, html`<p class="error">${error.message}</p>`);
    return;
  }

  render(view, html`${sections.map(section => html`<div class="section" data-section="${section.id}">${section.render(campaign)}</div>`)}`);
  const context = { signal };
  const mounted = sections
    .map(section => section.mount?.(view.querySelector(`[data-section="${section.id}"]`), campaign, context))
    .filter(Boolean);

  const topic = 'campaign:' + id;
  live([topic], {
    [topic]: snapshot => {
      if (!snapshot) return;
      for (const section of mounted) section.update?.(snapshot);
    },
  }, signal);
}
