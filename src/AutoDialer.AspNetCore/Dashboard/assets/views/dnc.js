// #/dnc: the do-not-call list: add, remove or look up the numbers typed (one per line), upload a file of numbers,
// and the most recent entries.
import { api } from '../lib/api.js';
import { html, render } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { fmtInt, fmtTime } from '../lib/format.js';
import { may } from '../lib/me.js';
import { showError } from '../lib/toast.js';

const recentEntries = 50;

export function mount(view, { signal }) {
  render(view, html`<h1>${t('dnc')}</h1><div class="grid2"><div class="panel"><h2>${t('dnc_numbers')}</h2>
    <textarea id="d-numbers" data-testid="dnc-numbers"></textarea><div class="row mt-8">
      ${may('add_do_not_call') && html`<button type="button" id="d-add" data-testid="dnc-add">${t('add')}</button>`}
      ${may('remove_do_not_call') && html`<button type="button" class="secondary" id="d-remove" data-testid="dnc-remove">${t('remove')}</button>`}
      <button type="button" class="secondary" id="d-lookup">${t('lookup')}</button>
      ${may('add_do_not_call') && html`<label class="button secondary">${t('dnc_upload')}<input type="file" id="d-file" hidden accept=".csv,.txt" data-testid="dnc-file"></label>`}</div>
    <p id="d-result" class="notice hidden" data-testid="dnc-result"></p></div>
    <div class="panel scroll"><h2 id="d-total"></h2><table><thead><tr><th>${t('phone')}</th><th>${t('source')}</th><th>${t('added_at')}</th></tr></thead><tbody id="d-rows"></tbody></table></div></div>`);

  const numbers = () => view.querySelector('#d-numbers').value.split(/\r?\n/).map(s => s.trim()).filter(Boolean);
  const resultLine = view.querySelector('#d-result');
  function result(text) { resultLine.textContent = text; resultLine.classList.remove('hidden'); }

  async function load() {
    try {
      const page = await api(`dnc?limit=${recentEntries}`, { signal });
      view.querySelector('#d-total').textContent = t('total', { n: fmtInt(page.total) });
      render(view.querySelector('#d-rows'), html`${page.entries.map(e => html`<tr><td>${e.phone}</td><td>${e.source}</td><td>${fmtTime(e.added_at)}</td></tr>`)}`);
    } catch (error) {
      showError(error);
    }
  }
  function added(r) {
    result(t('dnc_added', { added: r.added, already: r.already_listed, suppressed: r.contacts_suppressed, invalid: r.invalid.length }));
    load();
  }
  function onClick(id, action) {
    view.querySelector(id)?.addEventListener('click', () => action().catch(showError));
  }

  onClick('#d-add', async () => added(await api('dnc', { method: 'POST', json: { numbers: numbers() } })));
  onClick('#d-remove', async () => {
    const r = await api('dnc/remove', { method: 'POST', json: { numbers: numbers() } });
    result(t('dnc_removed', { removed: r.removed, restored: r.contacts_restored, invalid: r.invalid.length }));
    load();
  });
  onClick('#d-lookup', async () => {
    const number = numbers()[0];
    if (!number) return;
    const r = await api('dnc/lookup', { method: 'POST', json: { number } });
    result(r.phone + ': ' + t(r.listed ? 'listed' : 'not_listed'));
  });
  view.querySelector('#d-file')?.addEventListener('change', e => {
    if (!e.target.files.length) return;
    const form = new FormData();
    form.append('file', e.target.files[0], e.target.files[0].name);
    api('dnc/upload', { method: 'POST', body: form }).then(added).catch(showError);
    e.target.value = '';
  });
  load();
}
