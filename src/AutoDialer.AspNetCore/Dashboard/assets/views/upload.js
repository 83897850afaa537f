// #/upload?campaign=ID: pick a campaign, drop or choose a list (CSV or .xlsx); upload progress, then the mapping step
// (the first rows and the detected phone/name/time-zone/privacy columns and the other numbers' columns, each one changeable), then import progress,
// then the validation report. Recent uploads below, live.
import { api, upload } from '../lib/api.js';
import { attrs, html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtBytes, fmtInt, fmtPct, fmtTime } from '../lib/format.js';
import { live } from '../lib/live.js';
import { may, me } from '../lib/me.js';
import { showError, toast } from '../lib/toast.js';

const reportRows = 20;
const previewRows = 10;
/** The roles a column can play, in the order the mapping step shows them; the API's member is role + '_column'. */
const roles = ['phone', 'name', 'timezone', 'privacy_number'];
const statusBadge = { failed: 'bad', imported: 'ok', staged: 'warn' };

export function mount(view, { query, signal }) {
  // A role that may not upload sees the recent uploads only, and why there is no form.
  const uploads = may('upload_lists');
  render(view, html`<h1>${t('upload')}</h1>
    ${uploads ? html`<div class="panel"><div class="row mb-12"><label>${t('campaign')} <select id="u-campaign" data-testid="upload-campaign"><option value="">${t('choose_campaign')}</option></select></label></div>
      <div class="drop" id="u-drop" data-testid="drop-zone">${t('drop_here')} <label class="button secondary">${t('choose_file')}<input type="file" id="u-file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden data-testid="upload-file"></label></div>
      <div id="u-status" class="hidden"><p id="u-status-text" data-testid="upload-status"></p><div class="meter"><span id="u-meter" data-width="0"></span></div></div>
      <div id="u-mapping" data-testid="mapping"></div>
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
  const mapping = view.querySelector('#u-mapping');

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
    render(mapping, html``);
    following = null;
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      // Staged: nothing is imported until the columns are confirmed below.
      const staged = await upload(`campaigns/${select.value}/uploads?review=true`, form, f => showStatus(t('uploading', { p: fmtPct(f) }), f));
      showStatus(t('reading_columns'), 1);
      const preview = await api(`uploads/${staged.id}/preview?rows=${previewRows}`, { signal });
      showStatus(t('check_columns'), 1);
      showMapping(staged, preview);
    } catch (error) {
      if (error.name !== 'AbortError') showStatus(error.status === 0 ? t('error') : error.message, 1, true);
    }
  }

  function showMapping(staged, preview) {
    render(mapping, mappingStep(staged, preview));
    const selects = Object.fromEntries(roles.map(role => [role, mapping.querySelector(`select[data-role="${role}"]`)]));
    const confirm = mapping.querySelector('[data-testid="confirm-mapping"]');
    function chosen() {
      return Object.fromEntries(roles.map(role => [role, selects[role].value === '' ? null : Number(selects[role].value)]));
    }
    // The contact's other numbers: ticked columns, in the list's order (a column that has a role above is not one).
    function alternates(current) {
      const taken = new Set(roles.map(r => current[r]));
      return [...mapping.querySelectorAll('input[data-alternate]')].filter(box => box.checked && !taken.has(Number(box.dataset.alternate)))
        .map(box => Number(box.dataset.alternate));
    }
    function showRoles() {
      const current = chosen();
      for (const cell of mapping.querySelectorAll('th[data-column]')) {
        const role = roles.find(r => current[r] === Number(cell.dataset.column))
          ?? (alternates(current).includes(Number(cell.dataset.column)) ? 'alternate_phone' : null);
        const badge = cell.querySelector('.badge');
        badge.textContent = role ? t('role_' + role) : t('role_attribute');
        badge.classList.toggle('ok', Boolean(role));
      }
      confirm.disabled = current.phone === null;
    }
    for (const role of roles) selects[role].addEventListener('change', showRoles);
    for (const box of mapping.querySelectorAll('input[data-alternate]')) box.addEventListener('change', showRoles);
    showRoles();
    confirm.addEventListener('click', async () => {
      const current = chosen();
      const body = Object.fromEntries(roles.filter(r => current[r] !== null).map(r => [r + '_column', current[r]]));
      body.alternate_phone_columns = alternates(current);
      for (const error of mapping.querySelectorAll('[data-error-for]')) error.textContent = '';
      confirm.disabled = true;
      try {
        const queued = await api(`uploads/${staged.id}/import`, { method: 'POST', json: body, signal });
        render(mapping, html``);
        following = queued.id;
        follow(queued);
        follow(await api('uploads/' + queued.id, { signal }));
      } catch (error) {
        confirm.disabled = false;
        if (error.name === 'AbortError') return;
        let placed = false;
        for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
          const target = mapping.querySelector(`[data-error-for="${field.replace(/_column$/, '')}"]`);
          if (target) { target.textContent = [].concat(messages).join(' '); placed = true; }
        }
        if (!placed) showError(error);
      }
    });
  }

  const drop = view.querySelector('#u-drop');
  for (const name of ['dragenter', 'dragover']) drop.addEventListener(name, e => { e.preventDefault(); drop.classList.add('over'); });
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, e => { e.preventDefault(); drop.classList.remove('over'); });
  drop.addEventListener('drop', e => { if (e.dataTransfer.files.length) send(e.dataTransfer.files[0]); });
  view.querySelector('#u-file').addEventListener('change', e => { if (e.target.files.length) send(e.target.files[0]); e.target.value = ''; });
}

function mappingStep(staged, preview) {
  const columnLabel = c => `${preview.format === 'xlsx' ? columnLetters(c.index) : c.index + 1}: ${c.name || '—'}`;
  const options = (role) => html`${role === 'phone' ? html`<option ${attrs({ value: '', selected: preview.detected.phone === null })}>${t('choose_column')}</option>`
      : html`<option value="">${t('no_column')}</option>`}
    ${preview.columns.map(c => html`<option ${attrs({ value: c.index, selected: preview.detected[role] === c.index })}>${columnLabel(c)}</option>`)}`;
  const source = preview.format === 'xlsx' ? t('format_xlsx') : `${t('encoding')}: ${preview.encoding} · ${t('delimiter')}: ${preview.delimiter === '\t' ? 'TAB' : preview.delimiter}`;
  return html`<h2>${t('mapping_title')} — ${staged.file_name}</h2>
    <p class="muted small">${source} · ${t('header_on_line', { n: preview.header_line })}</p>
    <div class="row mb-12">${roles.map(role => html`<label>${t('role_' + role)}
      <select data-role="${role}" data-testid="map-${role}">${options(role)}</select> <span class="error small" data-error-for="${role}"></span></label>`)}</div>
    <fieldset class="row mb-12" data-testid="map-alternate-phones"><legend>${t('role_alternate_phone')}</legend>
      ${preview.columns.map(c => html`<label><input type="checkbox" ${attrs({ 'data-alternate': c.index, checked: (preview.detected.alternate_phones ?? []).includes(c.index) })}> ${columnLabel(c)}</label>`)}
      <span class="error small" data-error-for="alternate_phone"></span></fieldset>
    <p class="muted small">${t('attributes_note')}</p>
    <div class="scroll mb-12"><table data-testid="mapping-preview"><thead><tr><th class="num">${t('line')}</th>
      ${preview.columns.map(c => html`<th data-column="${c.index}">${columnLabel(c)}<br><span class="badge"></span></th>`)}</tr></thead>
      <tbody>${preview.rows.map(r => html`<tr><td class="num">${r.line}</td>${preview.columns.map(c => html`<td>${r.fields[c.index] ?? ''}</td>`)}</tr>`)}</tbody></table></div>
    ${preview.rows.length ? '' : html`<p class="muted">${t('no_data_rows')}</p>`}
    <p><button type="button" data-testid="confirm-mapping">${t('import_with_columns')}</button></p>`;
}

/** 0 → "A", 26 → "AA": a worksheet's column names. */
function columnLetters(index) {
  let letters = '';
  for (index++; index > 0; index = Math.floor((index - 1) / 26)) letters = String.fromCharCode(65 + (index - 1) % 26) + letters;
  return letters;
}

function validationReport(r, uploadId) {
  const reasons = Object.keys(r.by_reason);
  const counts = [['rows', r.rows], ['accepted', r.accepted], ['rejected', r.rejected], ['duplicates', r.duplicates], ['suppressed', r.suppressed]];
  return html`<h2>${t('report')} — ${r.file_name}</h2>
    <div class="cards" data-testid="report-counts">${counts.map(([key, n]) => html`<div class="card"><div class="muted small">${t(key)}</div><div class="big-number" data-count="${key}">${fmtInt(n)}</div></div>`)}</div>
    <p class="muted small">${r.encoding === 'xlsx' ? t('format_xlsx') : html`${t('encoding')}: ${r.encoding} · ${t('delimiter')}: ${r.delimiter === '\t' ? 'TAB' : r.delimiter}`}</p>
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
