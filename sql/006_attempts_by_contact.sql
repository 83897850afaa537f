-- A contact's attempts, newest last: settlement asks whether an attempt is still its contact's latest (a late event
-- may only move the contact if it is), and without this index that question scanned every attempt of every campaign.
create index attempts_by_contact on attempts (contact_id, id);
