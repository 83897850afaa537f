// #/upload?campaign=ID: pick a campaign, drop or choose a list; upload progress, then import progress, then the
// validation report. Recent uploads below, live.
import { api, upload } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtBytes, fmtInt, fmtPct, fmtTime } from '../lib/format.js';
import { live } from '../lib/live.js';
import { may, me } from '../lib/me.js';
import { showError, toast } from '../lib/toast.js';

const reportRows = 20;
const statusBadge = { failed: 'bad', imported: 'ok' };

export function mount(view, { query, signal }) {
  // A role that may not upload sees the recent uploads only, and why there is no form.
  const uploads = may('upload_lists');
  render(view, html`<h1>${t('upload')}</h1>
    ${uploads ? html`<div class="panel"><div class="row mb-12"><label>${t('campaign')} <select id="u-campaign" data-testid="upload-campaign"><option value="">${t('choose_campaign')}</option></select></label></div>
      <div class="drop" id="u-drop" data-testid="drop-zone">${t('drop_here')} <label class="button secondary">${t('choose_file')}<input type="file" id="u-file" accept=".csv,.txt,text/csv" hidden data-testid="upload-file"></label></div>
      <div id="u-status" class="hidden"><p id="u-status-text" data-testid="upload-status"></p><div class="meter"><span id="u-meter" data-width="0"></span></div></div>
      <div id="u-report"></div></div>` : html`<p class="notice" data-testid="role-notice">${t('role_cannot', { role: me().role })}</p>`}
    <div class="panel scroll"><h2>${t('recent_uploads')}</h2><table class="responsive"><thead><tr><th>${t('file')}</th><th>${t('campaign')}</th>
      <th class="num">${t('size')}</th><th>${t('status')}</th><th class="num">${t('rows')}</th><th>${t('time')}</th></tr></thead><tbody id="u-recent"></tbody></table></div>`);

  let following = null; // the upload this page is following
  live(['uploads'], {
    uploads(list) {
      render(view.querySelector('#u-recent'), html`${list.map(recentRow)}`);
      list.forEach(follow);
    },
  }, signal);

  function follow(u) {
    if (!following || u.id !== following) return;
    if (u.status === 'queued') showStatus(t('queued'), 0);
    else if (u.status === 'importing') showStatus(t('importing', { rows: fmtInt(u.rows_read), p: fmtPct(u.progress) }), u.progress);
    else if (u.status === 'failed') { showStatus(t('upload_failed') + ': ' + (u.error || ''), 1, true); following = null; }
    else if (u.status === 'imported') { showStatus(t('imported'), 1); showReport(u.id); following = null; }
  }
  if (!uploads) return;

  const select = view.querySelector('#u-campaign');
  const status = view.querySelector('#u-status');
  const statusText = view.querySelector('#u-status-text');
  const meter = view.querySelector('#u-meter');
  const report = view.querySelector('#u-report');

  api('campaigns', { signal }).then(list => {
    for (const c of list.filter(c => c.state !== 'cancelled' && c.state !== 'completed')) select.append(new Option(c.name, c.id));
    if (query.campaign) select.value = query.campaign;
  }).catch(showError);

  function showStatus(text, fraction, isError) {
    status.classList.remove('hidden');
    statusText.textContent = text;
    statusText.className = isError ? 'error' : '';
    meter.style.width = (100 * Math.max(0, Math.min(1, fraction))).toFixed(1) + '%';
  }
  async function showReport(uploadId) {
    try {
      render(report, validationReport(await api(`uploads/${uploadId}/report?first=${reportRows}`, { signal }), uploadId));
    } catch (error) {
      showError(error);
    }
  }
  async function send(file) {
    if (!select.value) { toast(t('choose_campaign'), true); return; }
    render(report, html``);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const accepted = await upload(`campaigns/${select.value}/uploads`, form, f => showStatus(t('uploading', { p: fmtPct(f) }), f));
      following = accepted.id;
      follow(accepted);
      follow(await api('uploads/' + accepted.id, { signal }));
    } catch (error) {
      if (error.name !== 'AbortError') showStatus(error.status === 0 ? t('error') : error.message, 1, true);
    }
  }

  const drop = view.querySelector('#u-drop');
  for (const name of ['dragenter', 'dragover']) drop.addEventListener(name, e => { e.preventDefault(); drop.classList.add('over'); });
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, e => { e.preventDefault(); drop.classList.remove('over'); });
  drop.addEventListener('drop', e => { if (e.dataTransfer.files.length) send(e.dataTransfer.files[0]); });
  view.querySelector('#u-file').addEventListener('change', e => { if (e.target.files.length) send(e.target.files[0]); e.target.value = ''; });
}

function validationReport(r, uploadId) {
  const reasons = Object.keys(r.by_reason);
  const counts = [['rows', r.rows], ['accepted', r.accepted], ['rejected', r.rejected], ['duplicates', r.duplicates], ['suppressed', r.suppressed]];
  return html`<h2>${t('report')} — ${r.file_name}</h2>
    <div class="cards" data-testid="report-counts">${counts.map(([key, n]) => html`<div class="card"><div class="muted small">${t(key)}</div><div class="big-number" data-count="${key}">${fmtInt(n)}</div></div>`)}</div>
    <p class="muted small">${t('encoding')}: ${r.encoding} · ${t('delimiter')}: ${r.delimiter === '\t' ? 'TAB' : r.delimiter}</p>
    ${reasons.length ? html`<div class="grid2"><div><h2>${t('by_reason')}</h2><table data-testid="report-reasons"><thead><tr><th>${t('reason')}</th><th class="num">${t('count')}</th></tr></thead><tbody>
        ${reasons.map(k => html`<tr><td>${k}</td><td class="num">${fmtInt(r.by_reason[k])}</td></tr>`)}</tbody></table></div>
      <div><h2>${t('first_rejects')}</h2><div class="scroll"><table data-testid="report-rejects"><thead><tr><th class="num">${t('line')}</th><th>${t('reason')}</th><th>${t('fields')}</th></tr></thead><tbody>
        ${r.first_rejects.map(x => html`<tr><td class="num">${x.line}</td><td>${x.reason}</td><td>${x.fields.join(' | ')}</td></tr>`)}</tbody></table></div></div></div>
      <p><a class="button secondary" href="api/uploads/${uploadId}/rejects.csv" download data-testid="download-rejects">${t('download_rejects')}</a></p>`
    : html`<p>${t('no_rejects')}</p>`}`;
}

function recentRow(u) {
  return html`<tr><td data-label="${t('file')}">${u.file_name}</td><td data-label="${t('campaign')}">${u.campaign_name}</td>
    <td class="num" data-label="${t('size')}">${fmtBytes(u.size_bytes)}</td>
    <td data-label="${t('status')}"><span class="badge ${statusBadge[u.status] ?? 'warn'}">${u.status}</span>${u.error && html` <span class="error small">${u.error}</span>`}</td>
    <td class="num" data-label="${t('rows')}">${fmtInt(u.rows_read)}</td><td data-label="${t('time')}">${fmtTime(u.created_at)}</td></tr>`;
}
