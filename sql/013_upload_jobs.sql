-- The Hangfire job that imports an upload, written right after the job is created. An upload still 'queued' with no
-- job a while after it was recorded belongs to a node that stopped between recording it and enqueuing its job: the
-- recurring job orphaned-uploads enqueues it (so an accepted upload is always imported or failed with a reason).
alter table list_uploads add column job_id text;

create index list_uploads_without_job on list_uploads (created_at) where status = 'queued' and job_id is null;
