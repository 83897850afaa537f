// AutoDialer dashboard: native ES modules, no build step, nothing loaded from anywhere but this server.
// This file is the router: the URL fragment names a view (#/campaigns, #/campaigns/7, #/campaigns/7/settings,
// #/upload?campaign=7, #/reports?campaign=7&day=2025-03-03, #/callbacks?campaign=7, #/agents, #/numbers, #/dnc, #/jobs), and the view's module in views/ is loaded and mounted into <main>. Live data arrives as
// server-sent events (lib/live.js), so nothing needs a reload. How views are written: docs/dashboard.md.
import { language, setLanguage, shareLanguage, t } from './lib/i18n.js';
import { loadMe, may } from './lib/me.js';
import { showNodes, watchNodes } from './lib/nodes.js';
import { showError } from './lib/toast.js';

/** Fragment name → the view's module; anything else shows the campaigns. */
const views = {
  campaigns: () => import('./views/campaigns.js'),
  campaign: () => import('./views/campaign.js'),
  'campaign-settings': () => import('./views/campaign-settings.js'),
  upload: () => import('./views/upload.js'),
  reports: () => import('./views/reports.js'),
  callbacks: () => import('./views/callbacks.js'),
  agents: () => import('./views/agents.js'),
  numbers: () => import('./views/numbers.js'),
  dnc: () => import('./views/dnc.js'),
  jobs: () => import('./views/jobs.js'),
  audit: () => import('./views/audit.js'),
};

let leaving = null;  // aborts the current view's requests and live feed when another one replaces it
let routed = 0;      // a newer route wins over a view module still loading

function parse(hash) {
  let path = hash.replace(/^#\/?/, '');
  const query = {};
  const at = path.indexOf('?');
  if (at >= 0) {
    for (const [key, value] of new URLSearchParams(path.slice(at + 1))) query[key] = value;
    path = path.slice(0, at);
  }
  const parts = path.split('/').filter(Boolean);
  const name = parts[0] || 'campaigns';
  return { name, parts, query };
}

async function route() {
  const ticket = ++routed;
  leaving?.abort();
  leaving = new AbortController();
  const { signal } = leaving;

  const { name, parts, query } = parse(location.hash);
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === name);
  const key = name === 'campaigns' && parts[1] ? (parts[2] === 'settings' ? 'campaign-settings' : 'campaign')
    : Object.hasOwn(views, name) ? name : 'campaigns';
  const module = await views[key]();
  if (ticket !== routed) return;

  // A fresh element per view: the old view's listeners and late answers land on a node no longer in the page.
  const old = document.getElementById('view');
  const view = old.cloneNode(false);
  old.replaceWith(view);
  await module.mount(view, { parts, query, signal });
}

function applyStaticTexts() {
  shareLanguage();
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  document.getElementById('lang').textContent = t('lang_switch');
  document.title = t('brand');
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  applyStaticTexts();
  showNodes();
  show();
});
if (document.querySelector('meta[name="user"]')?.content) document.getElementById('logout').classList.remove('hidden');
function show() { route().catch(showError); }

/** Links to what the role may not do are not shown (a link carries data-may with the permission it needs). */
function applyRole() {
  for (const link of document.querySelectorAll('#nav a[data-may]')) link.classList.toggle('hidden', !may(link.dataset.may));
}

window.addEventListener('hashchange', show);
applyStaticTexts();
watchNodes();
loadMe().then(applyRole, showError).finally(show);
