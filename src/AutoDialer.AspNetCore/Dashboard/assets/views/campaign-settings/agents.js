// The agents assigned (agent_ids): picked from the agents the dialer has seen for the chosen account (a page connected
// for them, or their vendor listed them: api/agents/seen), or typed. Each chosen agent is a chip; the order is kept.
import { append, attrs, html, render as show } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

export const id = 'agents';
export const titleKey = 'set_agents';

function chip(agentId) {
  return html`<li class="chip" data-agent-id="${agentId}" data-testid="agent-chip"><span>${agentId}</span>
    <button type="button" class="link" data-remove-agent ${attrs({ 'aria-label': t('remove') + ' ' + agentId })}>✕</button></li>`;
}

function status(agent) {
  if (agent.connected) return agent.unavailable_reason === '' ? t('set_agent_ready') : t('set_agent_not_ready', { why: t('unavailable_' + (agent.unavailable_reason ?? 'not-reported')) });
  return agent.bridge_seen_at ? t('set_agent_seen_bridge') : t('set_agent_seen_vendor');
}

function seenRows(seen, account, chosen) {
  const mine = seen.filter(a => a.provider_account === account);
  if (!mine.length) return html`<tr><td colspan="3" class="muted">${t('set_no_seen_agents')}</td></tr>`;
  return html`${mine.map(a => html`<tr data-seen-agent="${a.agent_id}"><td>${a.agent_id}</td><td class="muted small">${status(a)}</td>
    <td><button type="button" class="secondary" data-add-agent="${a.agent_id}" ${attrs({ disabled: chosen.includes(a.agent_id) })}>${t('add')}</button></td></tr>`)}`;
}

export function render(settings, { seenAgents }) {
  return html`<ul class="chips" data-field="agent_ids" data-testid="agents-chosen">${settings.agent_ids.map(chip)}</ul>
    <p class="muted small" id="agents-none">${settings.agent_ids.length ? '' : t('set_no_agents_chosen')}</p>
    <div class="grid2"><div><h3>${t('set_seen_agents')}</h3><div class="scroll"><table class="compact"><tbody id="seen-agents" data-testid="seen-agents">
      ${seenRows(seenAgents, settings.provider_account, settings.agent_ids)}</tbody></table></div></div>
    <div><h3>${t('set_type_agent')}</h3><div class="row"><input id="agent-typed" data-testid="agent-typed" placeholder="${t('set_agent_id')}">
      <button type="button" class="secondary" id="agent-add-typed" data-testid="agent-add-typed">${t('add')}</button></div>
      <p class="muted small">${t('set_agents_hint')}</p></div></div>`;
}

function chosen(root) {
  return [...root.querySelectorAll('[data-agent-id]')].map(li => li.dataset.agentId);
}

export function mount(root, { seenAgents }) {
  const list = root.querySelector('[data-testid=agents-chosen]');
  const typed = root.querySelector('#agent-typed');
  const form = root.closest('form');
  const account = () => form.querySelector('[name=provider_account]')?.value;
  const refresh = () => {
    show(root.querySelector('#seen-agents'), seenRows(seenAgents, account(), chosen(root)));
    root.querySelector('#agents-none').textContent = chosen(root).length ? '' : t('set_no_agents_chosen');
  };
  const add = agentId => {
    if (!agentId || chosen(root).includes(agentId)) return;
    append(list, chip(agentId));
    refresh();
  };

  root.addEventListener('click', e => {
    const remove = e.target.closest('[data-remove-agent]');
    if (remove) { remove.closest('li').remove(); refresh(); return; }
    const pick = e.target.closest('[data-add-agent]');
    if (pick) add(pick.dataset.addAgent);
  });
  root.querySelector('#agent-add-typed').addEventListener('click', () => { add(typed.value.trim()); typed.value = ''; typed.focus(); });
  typed.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); add(typed.value.trim()); typed.value = ''; } });
  form.addEventListener('change', e => { if (e.target.name === 'provider_account') refresh(); });
}

export function read(form) {
  const items = [...form.querySelectorAll('[data-section="agents"] [data-agent-id]')];
  items.forEach((li, i) => { li.dataset.field = `agent_ids[${i}]`; });
  return { agent_ids: items.map(li => li.dataset.agentId) };
}
