-- One migration set for H2 (the embedded default) and PostgreSQL (production): only types both accept.

-- Every answer the advisor gives, with what was asked (person identifiers pseudonymised), by whom, and under
-- which rule set. Request and response are gzip-compressed JSON.
create table audit_record (
    id               varchar(36)  primary key,
    recorded_at      timestamp with time zone not null,
    client_id        varchar(200) not null,
    endpoint         varchar(200) not null,
    kind             varchar(20)  not null,
    person_pseudonym varchar(64),
    document_id      varchar(200),
    outcome          varchar(40),
    rule_set_version varchar(40),
    latency_micros   bigint       not null,
    request_gz       bytea        not null,
    response_gz      bytea        not null
);
create index audit_record_time on audit_record (recorded_at);
create index audit_record_client on audit_record (client_id, recorded_at);
create index audit_record_person on audit_record (person_pseudonym);
create index audit_record_document on audit_record (document_id);

-- The key for pseudonyms, made once per database so that pseudonyms stay stable across restarts.
create table audit_secret (
    name   varchar(40)  primary key,
    secret varchar(128) not null
);

-- API keys: only a salted hash is kept; the key itself is shown once, when made.
create table api_key (
    id          varchar(32)  primary key,
    client_name varchar(200) not null,
    salt        varchar(64)  not null,
    hash        varchar(64)  not null,
    scopes      varchar(400) not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);

-- Rule-set versions seen by this service (content hash of rules/), with their files for rollback.
create table rule_set_version (
    version       varchar(40) primary key,
    label         varchar(200),
    first_seen_at timestamp with time zone not null,
    rule_count    integer not null,
    files_gz      bytea   not null
);

-- Activations of rule sets: start-up, publish, rollback.
create table rule_set_event (
    id           varchar(36)  primary key,
    at           timestamp with time zone not null,
    kind         varchar(20)  not null,
    from_version varchar(40),
    to_version   varchar(40)  not null,
    actor        varchar(200) not null,
    reason       varchar(1000)
);
create index rule_set_event_time on rule_set_event (at);
