-- The usage ledger: one append-only event per request, in daily partitions that Tollgate creates ahead of time and
-- drops whole when they age out (rows are never DELETEd), plus hourly and daily rollups that the Usage and Costs APIs
-- read. Events carry their own id: a replayed batch inserts nothing twice, and its rollups are not counted twice.

create table usage_events (
    id                  uuid        not null,
    occurred_at         timestamptz not null,
    project_id          text        not null,
    api_key_id          text,
    model               text        not null,
    backend_id          text,
    endpoint            text        not null check (endpoint in ('completions', 'embeddings')),
    prompt_tokens       integer     not null,
    cached_tokens       integer     not null,
    completion_tokens   integer     not null,
    latency_ms          integer     not null,
    ttft_ms             integer,
    status              smallint    not null,
    streamed            boolean     not null,
    client_disconnected boolean     not null,
    usage_estimated     boolean     not null,
    cost_nano_usd       bigint      not null,
    price_valid_from    timestamptz,
    primary key (occurred_at, id)
) partition by range (occurred_at);

-- Rollups count what was billed: answered requests, and streams that broke or were abandoned after generating
-- tokens; not refusals or requests no backend answered.
create table usage_hourly (
    bucket_start      timestamptz not null,
    project_id        text        not null,
    api_key_id        text        not null,
    model             text        not null,
    endpoint          text        not null,
    requests          bigint      not null,
    prompt_tokens     bigint      not null,
    cached_tokens     bigint      not null,
    completion_tokens bigint      not null,
    cost_nano_usd     bigint      not null,
    primary key (bucket_start, project_id, api_key_id, model, endpoint)
);

create table usage_daily (like usage_hourly including all);

-- Self-hosted backends are costed from their GPUs: a catalogue of monthly costs per GPU type (editable), and each
-- backend's GPU type, count and the throughput to assume until it has served enough to measure.
create table gpu_types (
    name            text primary key,
    memory_gb       integer       not null check (memory_gb > 0),
    monthly_usd     numeric(12, 2) not null check (monthly_usd >= 0),
    updated_at      timestamptz   not null default now()
);
insert into gpu_types (name, memory_gb, monthly_usd) values
    ('A10G', 24, 800), ('L40S', 48, 2000), ('A100-80GB', 80, 3500), ('H100-80GB', 80, 5000);

alter table backends
    add column gpu_type text references gpu_types (name),
    add column gpu_count integer check (gpu_count > 0),
    add column expected_tokens_per_second integer check (expected_tokens_per_second > 0),
    add check ((gpu_type is null) = (gpu_count is null));

create trigger gpu_types_changed after insert or update or delete on gpu_types
    for each statement execute function tollgate_notify_config();
