// The campaign settings page (views/campaign-settings.js) is built from these sections, top to bottom: one module per
// part of the settings, each owning some members of the body that PUT api/campaigns/ID/settings takes
// (docs/campaign-settings.md). A new part is a new module in this folder and one line below. docs/dashboard.md says
// how a section is written.
import * as provider from './provider.js';
import * as agents from './agents.js';
import * as numbers from './numbers.js';
import * as windows from './windows.js';
import * as blackout from './blackout.js';
import * as holidays from './holidays.js';
import * as retry from './retry.js';
import * as caps from './caps.js';
import * as rotation from './rotation.js';
import * as nightly from './nightly.js';
import * as preview from './preview.js';
import * as dispositions from './dispositions.js';
import * as callbacks from './callbacks.js';
import * as visibleAttributes from './visible-attributes.js';

/**
 * @typedef {object} SettingsSection
 * @property {string} id         unique on the page; the section's wrapper carries data-section="id" (the diagnostics link to it)
 * @property {string} titleKey   the lib/i18n.js key of its heading (every key in zh and en)
 * @property {(settings: object, context: object) => object} render   its fields as html`…`, filled from the campaign's
 *           settings; context: { campaign, accounts, seenAgents, calendars } (GET api/campaigns/ID, api/provider-accounts,
 *           api/agents/seen, api/holiday-calendars)
 * @property {(form: HTMLFormElement) => object} read the members of the settings body it owns, read from its fields
 *           (nested where the body nests them: { schedule: { blackout_dates } })
 * @property {(root: HTMLElement, context: object) => void} [mount] optional: wires its behaviour (add and remove rows)
 */

/** @type {SettingsSection[]} the sections, in page order. */
export const sections = [provider, agents, numbers, windows, blackout, holidays, retry, caps, rotation, nightly, preview, dispositions, callbacks, visibleAttributes];

/**
 * The settings body: every section's members, read from form, merged member by member (several sections fill
 * schedule). Two sections never own the same member, so the order cannot decide which one wins; a clash is a mistake
 * in the sections and is refused.
 */
export function readSettings(form, list = sections) {
  const body = {};
  for (const section of list) merge(body, section.read(form), section.id, '');
  return body;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function merge(into, from, sectionId, path) {
  for (const [member, value] of Object.entries(from)) {
    const at = path ? `${path}.${member}` : member;
    if (!Object.hasOwn(into, member)) into[member] = isObject(value) ? merge({}, value, sectionId, at) : value;
    else if (isObject(into[member]) && isObject(value)) merge(into[member], value, sectionId, at);
    else throw new Error(`settings section ${sectionId}: "${at}" belongs to another section`);
  }
  return into;
}
