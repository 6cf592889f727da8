-- The id of the API key that asked, beside its client name: names say who, the key id says which credential
-- (a leaked key is traced to its records; 'bootstrap' for the bootstrap key).
alter table audit_record add column key_id varchar(32);
create index audit_record_key on audit_record (key_id, recorded_at);
