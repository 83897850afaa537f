// The campaign's name, state and lifecycle buttons; the buttons follow the state, whoever changed it.
import { html, render as show } from '../../lib/html.js';
import { commandButtons, onCommandClick, stateBadge } from '../parts/campaign-state.js';

export const id = 'header';

export function render(campaign) {
  return html`<h1><span data-testid="campaign-name">${campaign.name}</span> <span id="c-state">${stateBadge(campaign.state)}</span><span class="row" id="c-commands">${commandButtons(campaign)}</span></h1>`;
}

export function mount(root, campaign) {
  const badge = root.querySelector('#c-state');
  const commands = root.querySelector('#c-commands');
  let shown = campaign.state;
  function showState(state) {
    shown = state;
    show(badge, stateBadge(state));
    show(commands, commandButtons({ id: campaign.id, name: campaign.name, state }));
  }
  onCommandClick(commands, updated => showState(updated.state));
  return { update: snapshot => { if (snapshot.progress.state !== shown) showState(snapshot.progress.state); } };
}
