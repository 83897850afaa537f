-- The durable mark that a make-call may have been sent: written (committed) just before the node sends it, with the
-- deadline after which neither the node nor the page lets that call start, and the bridge session it is sent on (null
-- for a session that is not a workbench page's). A null deadline: the make-call was certainly never sent, so an attempt
-- left `dialing` by a node that died (or restarted) before sending is given back at once, its budget refunded, instead of
-- waiting for the maximum age and spending the budget as `unknown`. The mark is taken only while the attempt is still
-- `dialing` and live, and the give-back only while it is unmarked, each under the attempt's row lock: whichever comes
-- first wins, so an attempt is never both sent and given back. The session lets the agent's page answer for it later:
-- a page that had that session and never handed the business id to its SDK says the call was not placed.
-- Nullable without a default: adding them changes only the table's description, no row is rewritten.
alter table attempts
    add column make_call_deadline timestamptz,
    add column make_call_session text;
