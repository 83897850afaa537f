-- Every disposition an agent records is on the audit trail (issue 21): who (the agent, a new kind of actor: named by its
-- agent id, the provider account in the details), which call (the attempt, a new kind of target; its contact and
-- campaign), the code and its effect. Written by the statement that keeps the disposition, in its transaction.
alter table audit_entries drop constraint audit_entries_action_check;
alter table audit_entries add constraint audit_entries_action_check
    check (action in ('campaign_create', 'campaign_delete', 'campaign_settings_change', 'campaign_start', 'campaign_pause',
                      'campaign_resume', 'campaign_cancel', 'list_upload', 'do_not_call_add', 'do_not_call_remove', 'job_trigger',
                      'job_requeue', 'sign_in', 'sign_in_failure', 'disposition_record'));

alter table audit_entries drop constraint audit_entries_actor_kind_check;
alter table audit_entries add constraint audit_entries_actor_kind_check check (actor_kind in ('user', 'api_key', 'local', 'agent'));

alter table audit_entries drop constraint audit_entries_target_type_check;
alter table audit_entries add constraint audit_entries_target_type_check
    check (target_type in ('campaign', 'upload', 'do_not_call', 'recurring_job', 'job', 'user', 'attempt'));
