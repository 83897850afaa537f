// Who is signed in and what their role allows (GET api/me: name, role, may[]), read once when the page loads. Views ask
// may('run_campaigns') and render no button, form or link for what the role may not do; the API refuses it anyway (403).
import { api } from './api.js';

let who = { name: '', role: 'viewer', may: ['read'] };

/** Reads api/me; app.js awaits it before the first view. */
export async function loadMe() {
  who = await api('me');
  return who;
}

export function me() { return who; }

/** Whether the caller holds a permission (a name of the API's `may`: read, run_campaigns, upload_lists, add_do_not_call,
 *  edit_campaigns, cancel_campaigns, remove_do_not_call, run_jobs, read_audit, act_for_agents). */
export function may(permission) { return who.may.includes(permission); }
