// #/reports?campaign=ID&day=yyyy-MM-dd: a campaign's daily report — dials, answered, answer rate, talk time, by hour
// (chart), agent, caller number, outcome and disposition (tables) — with its CSV download. The day is the campaign's, in its time
// zone; without one, the campaign's today (computed from the day's calls; a day the nightly batch closed is read as
// stored). Choosing another campaign or day changes the address, so a report can be linked to.
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtDuration, fmtInt, fmtPct, fmtTime } from '../lib/format.js';
import { showError } from '../lib/toast.js';
import { hourlyChart, outcomeChart } from './parts/charts.js';
import { codeName, codesOf, effectBadge } from './parts/dispositions.js';

export function mount(view, { query, signal }) {
  render(view, html`<h1>${t('reports')}</h1>
    <div class="panel"><div class="row">
      <label>${t('campaign')} <select id="r-campaign" data-testid="report-campaign"><option value="">${t('choose_campaign')}</option></select></label>
      <label>${t('day')} <input type="date" id="r-day" data-testid="report-day"></label>
      <span id="r-days" class="row small"></span></div></div>
    <div id="r-body"></div>`);
  const select = view.querySelector('#r-campaign');
  const dayInput = view.querySelector('#r-day');
  const body = view.querySelector('#r-body');

  const go = () => { if (select.value) location.hash = `#/reports?campaign=${select.value}${dayInput.value ? '&day=' + dayInput.value : ''}`; };
  select.addEventListener('change', () => { dayInput.value = ''; go(); });
  dayInput.addEventListener('change', go);

  api('campaigns', { signal }).then(async list => {
    for (const c of list) select.append(new Option(c.name, c.id));
    if (!query.campaign) return;
    select.value = query.campaign;
    const days = await api(`campaigns/${query.campaign}/reports`, { signal });
    const day = /^\d{4}-\d{2}-\d{2}$/.test(query.day ?? '') ? query.day : days.today;
    dayInput.value = day;
    render(view.querySelector('#r-days'), html`${days.closed_days.slice(0, 7).map(d =>
      html`<a href="#/reports?campaign=${query.campaign}&day=${d.day}" data-closed-day="${d.day}">${d.day}</a>`)}`);
    render(body, html`<p class="muted">${t('loading')}</p>`);
    const codes = codesOf(list.find(c => String(c.id) === query.campaign));
    render(body, report(await api(`campaigns/${query.campaign}/reports/${day}`, { signal }), codes));
  }).catch(error => { if (error.name !== 'AbortError') { render(body, html``); showError(error); } });
}

function report(r, codes) {
  const total = r.totals;
  const cards = [
    ['dials', fmtInt(total.dials)], ['answered', fmtInt(total.answered)], ['answer_rate', fmtPct(total.answer_rate)],
    ['talk_total', fmtDuration(total.talk_seconds)], ['talk_average', total.average_talk_seconds === null ? '—' : fmtDuration(total.average_talk_seconds)],
  ];
  const outcomes = Object.fromEntries(r.by_outcome.map(o => [o.outcome, o.dials]));
  return html`<div class="panel" data-testid="report" data-day="${r.day}">
      <h2>${r.campaign} — ${r.day} <span class="muted small">(${r.time_zone})</span></h2>
      <p class="muted small" data-testid="report-state">${r.closed ? t('report_closed', { t: fmtTime(r.closed_at) }) : t('report_live', { t: fmtTime(r.computed_at) })}</p>
      <div class="cards mb-12" data-testid="report-totals">${cards.map(([key, value]) =>
        html`<div class="card"><div class="muted small">${t(key)}</div><div class="big-number" data-total="${key}">${value}</div></div>`)}</div>
      <p><a class="button secondary" href="api/campaigns/${r.campaign_id}/reports/${r.day}.csv" download data-testid="report-csv">${t('download_report')}</a></p></div>
    <div class="grid2"><div class="panel"><h2>${t('calls_per_hour')}</h2>${hourlyChart(r.by_hour.map(h => ({ hour: h.hour, attempts: h.dials, answered: h.answered })))}</div>
      <div class="panel"><h2>${t('by_outcome')}</h2>${outcomeChart(outcomes)}</div></div>
    <div class="grid2"><div class="panel scroll"><h2>${t('by_agent')}</h2>${callsTable('report-agents', t('agent'), r.by_agent.map(a => [a.agent_id, a]))}</div>
      <div class="panel scroll"><h2>${t('by_caller_number')}</h2>${callsTable('report-numbers', t('caller_number'),
        r.by_caller_number.map(n => [n.caller_number ? `${n.caller_number} (${n.caller_number_id ?? '—'})` : (n.caller_number_id ?? '—'), n]))}</div></div>
    <div class="panel scroll"><h2>${t('by_disposition')}</h2>${dispositionTable(r.by_disposition ?? [], codes)}</div>
    <div class="panel scroll"><h2>${t('by_hour')}</h2>${callsTable('report-hours', t('time'),
      r.by_hour.filter(h => h.dials > 0).map(h => [`${String(h.hour).padStart(2, '0')}:00`, h]))}</div>
    ${r.close ? html`<div class="panel"><h2>${t('day_closed')}</h2><dl class="kv" data-testid="report-close">
      <dt>${t('rescheduled')}</dt><dd>${fmtInt(r.close.rescheduled)}</dd><dt>${t('finalised')}</dt><dd>${fmtInt(r.close.finalised)}</dd>
      <dt>${t('contacts')}</dt><dd>${fmtInt(r.close.contacts)}</dd></dl></div>` : ''}`;
}

/** rows: [label, { dials, answered, answer_rate, talk_seconds, average_talk_seconds }]. */
function callsTable(testId, labelHeader, rows) {
  if (!rows.length) return html`<p class="muted">${t('no_calls_that_day')}</p>`;
  return html`<table class="responsive" data-testid="${testId}"><thead><tr><th>${labelHeader}</th><th class="num">${t('dials')}</th>
    <th class="num">${t('answered')}</th><th class="num">${t('answer_rate')}</th><th class="num">${t('talk_total')}</th><th class="num">${t('talk_average')}</th></tr></thead>
    <tbody>${rows.map(([label, x]) => html`<tr><td data-label="${labelHeader}">${label}</td><td class="num" data-label="${t('dials')}">${fmtInt(x.dials)}</td>
      <td class="num" data-label="${t('answered')}">${fmtInt(x.answered)}</td><td class="num" data-label="${t('answer_rate')}">${fmtPct(x.answer_rate)}</td>
      <td class="num" data-label="${t('talk_total')}">${fmtDuration(x.talk_seconds)}</td>
      <td class="num" data-label="${t('talk_average')}">${x.average_talk_seconds === null ? '—' : fmtDuration(x.average_talk_seconds)}</td></tr>`)}</tbody></table>`;
}

/** The day's dials by the disposition their agent recorded: the code's label (the campaign's, now), its effect then. */
function dispositionTable(rows, codes) {
  if (!rows.length) return html`<p class="muted">${t('disp_none_that_day')}</p>`;
  return html`<table class="responsive" data-testid="report-dispositions"><thead><tr><th>${t('disp_code')}</th><th>${t('set_disposition_effect')}</th>
    <th class="num">${t('dials')}</th></tr></thead>
    <tbody>${rows.map(d => html`<tr data-code="${d.code}"><td data-label="${t('disp_code')}">${codeName(codes[d.code] ?? d)}</td>
      <td data-label="${t('set_disposition_effect')}">${effectBadge(d.effect)}</td>
      <td class="num" data-label="${t('dials')}">${fmtInt(d.dials)}</td></tr>`)}</tbody></table>`;
}
