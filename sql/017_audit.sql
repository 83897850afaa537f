-- The audit trail: every state-changing action a person or a program took through the API or the dashboard (campaign
-- create, delete, settings change, start, pause, resume, cancel; list uploads; do-not-call additions and removals; job
-- trigger and requeue) and every dashboard sign-in and refused sign-in. Who: a user's name, an API key's name (never its
-- text), or 'local' while no credentials are configured. When: the database's clock. From where: the client's address
-- after forwarded-headers processing. What: a word of Core/StoredWords/AuditActions, the target (type and id), and
-- details (a settings change lists each field changed, by JSON path, old and new). A change writes its entry in its own
-- transaction, so a change that rolls back leaves none. Rows are only added, and removed by the retention purge
-- (AutoDialer:AuditRetention).
create table audit_entries (
    id          bigint      generated always as identity primary key,
    at          timestamptz not null default clock_timestamp(),
    actor_kind  text        not null check (actor_kind in ('user', 'api_key', 'local')),
    actor       text        not null,
    address     inet,
    action      text        not null check (action in ('campaign_create', 'campaign_delete', 'campaign_settings_change',
                                                       'campaign_start', 'campaign_pause', 'campaign_resume', 'campaign_cancel',
                                                       'list_upload', 'do_not_call_add', 'do_not_call_remove', 'job_trigger',
                                                       'job_requeue', 'sign_in', 'sign_in_failure')),
    target_type text        check (target_type in ('campaign', 'upload', 'do_not_call', 'recurring_job', 'job', 'user')),
    target_id   text,
    -- The campaign the action concerns, for the campaign filter; no foreign key: a deleted campaign keeps its history.
    campaign_id bigint,
    details     jsonb       not null default '{}'::jsonb
);

-- Newest first, by time then id: the page's order, its keyset and the retention purge's range.
create index audit_entries_newest on audit_entries (at desc, id desc);
create index audit_entries_by_campaign on audit_entries (campaign_id, at desc, id desc) where campaign_id is not null;
