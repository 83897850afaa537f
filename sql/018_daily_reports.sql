-- Reports in the product (issue 20, item 5). A day's report is its row in daily_reports: the nightly batch stores the
-- whole report there (dials, answered, talk time, by hour, agent, caller number and outcome) and any node serves it and
-- its CSV download from there. The batch no longer writes a CSV file on the disk of whichever node ran it, which no
-- page read and no other node could reach, so the file's path goes.
alter table daily_reports drop column file_path;

-- The upload mapping step (issue 20, item 4), in this migration because one number was reserved for this work: an
-- upload may wait 'staged' (stored, nothing imported, no job) until a person has reviewed its columns, and keeps the
-- mapping they chose (which column is the phone, the name, the time zone, the privacy number) for its import job.
alter table list_uploads drop constraint list_uploads_status_check;
alter table list_uploads add constraint list_uploads_status_check
    check (status in ('staged', 'queued', 'importing', 'imported', 'failed'));
alter table list_uploads add column mapping jsonb;
comment on column list_uploads.mapping is 'The columns'' roles a person chose: {"phone": 2, "name": 0, "timezone": null, "privacy_number": null} (0-based); null = found from the header''s names.';
