-- Jobs run on Hangfire (schema "hangfire", installed by the migration runner after these files) since this version;
-- Quartz's job store and its execution history are no longer read by anything. Every qrtz_ table goes, whichever
-- Quartz version created it. Rolling upgrade: stop every node of the Quartz version before the first node of this
-- version starts (README, "Upgrading from the Quartz versions"): a Quartz node still running would find its store gone.
do $$
declare
    quartz_table text;
begin
    for quartz_table in
        select tablename from pg_tables where schemaname = current_schema() and tablename like 'qrtz\_%'
    loop
        execute format('drop table if exists %I cascade', quartz_table);
    end loop;
end $$;

comment on table list_uploads is 'A list uploaded for a background import: the file waits in the upload folder, a Hangfire job imports it.';
