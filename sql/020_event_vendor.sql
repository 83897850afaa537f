-- Every stored event carries the vendor whose vocabulary it is written in (udesk, meiqia, or the in-process simulator,
-- which speaks Udesk's), so it is read by that vendor's interpreter rather than guessed from its name.
-- Rows stored before this version are given theirs by their name, as those versions read them: Udesk's documented
-- event names (PascalCase) are Udesk's, every other name is Meiqia's (camelCase; the two never overlap). The database
-- does not record which kind of account an event's provider_account is, so events the in-process simulator stored
-- before this version become 'udesk', which reads them the same way.
-- The default makes adding the column a change of the table's description only; just the Meiqia rows are rewritten.
-- Upgrade: stop every node of an earlier version before the first node of this version starts: an earlier node's
-- event writes name no vendor and would be refused once the default is dropped.
alter table call_events add column vendor text not null default 'udesk';

update call_events set vendor = 'meiqia'
where name not in ('AgentStateChanged', 'PhoneModeChanged', 'PhoneStateChanged', 'Ready', 'AdvancedCallStatusChanged',
                   'GetState', 'Delivered', 'Originated', 'Established', 'ConnectionCleared', 'Held', 'Retrieved',
                   'Conferenced', 'Transferred');

alter table call_events alter column vendor drop default;
alter table call_events add constraint call_events_vendor_check check (vendor in ('udesk', 'meiqia', 'simulator'));
