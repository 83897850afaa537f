// The header's readiness of every node of the cluster (GET api/nodes): each node writes its own every few seconds
// (the checks of /healthz/ready), so whichever node serves this page shows them all: ready, not ready and which checks
// failed, or not reporting since its last report (stopped, crashed, or cut off from the database). Refreshed every
// 15 s; shown again in the other language when it changes.
import { api } from './api.js';
import { fmtTime } from './format.js';
import { html, render } from './html.js';
import { t } from './i18n.js';

const refreshMs = 15_000;
const knownChecks = ['database', 'migrations', 'job_server'];
let nodes = [];

function describe(node) {
  if (!node.reporting) return { state: 'silent', text: t('node_not_reporting', { node: node.node, t: fmtTime(node.checked_at) }) };
  if (node.ready) return { state: 'ready', text: t('node_ready', { node: node.node }) };
  const checks = node.failing.map(c => knownChecks.includes(c) ? t('check_' + c) : c).join(t('list_separator'));
  return { state: 'not-ready', text: t('node_not_ready', { node: node.node, checks }) };
}

/** Renders the last answer into the header (after a language change too). */
export function showNodes() {
  const target = document.getElementById('nodes');
  render(target, html`${nodes.map(node => {
    const { state, text } = describe(node);
    return html`<span class="node ${state}" data-testid="node" data-node="${node.node}" title="${text}">${text}</span>`;
  })}`);
}

async function load() {
  try {
    nodes = await api('nodes');
  } catch {
    // Kept as last read: the live indicator already says when this server cannot be reached.
    return;
  }
  showNodes();
}

/** Reads the nodes now and every 15 s. */
export function watchNodes() {
  load();
  setInterval(load, refreshMs);
}
