-- The nightly batch closes a day in parallel chunks, each its own transaction: the report row is claimed first and
-- is closed only when every chunk is done, so a batch interrupted midway is resumed (not skipped) by the next run.
-- Each chunk adds what it moved to the row in its own transaction, so the counts stay exact across a resume.
alter table daily_reports
    add column rescheduled bigint      not null default 0,
    add column finalised   bigint      not null default 0,
    add column closed_at   timestamptz;
-- Days closed before this migration were closed in one transaction: they are complete.
update daily_reports set closed_at = created_at;
