-- Routing: a backend's tier (self-hosted GPUs or a cloud API) and drain state, each deployment's quality rank, a
-- strategy per public model, a default priority per project, and the fleet's shared view of backend health.

alter table backends
    add column tier text not null default 'cloud' check (tier in ('self_hosted', 'cloud')),
    add column draining boolean not null default false;
update backends set tier = 'self_hosted' where gpu_type is not null or kind = 'simulator';

alter table backend_models add column quality integer not null default 0 check (quality between 0 and 100);

create table model_routes (
    model    text primary key,
    strategy text not null check (strategy in ('round_robin', 'weighted', 'least_outstanding', 'peak_ewma',
                                               'queue_aware', 'hybrid'))
);
create trigger model_routes_changed after insert or update or delete on model_routes
    for each statement execute function tollgate_notify_config();

alter table projects add column default_priority text not null default 'balanced'
    check (default_priority in ('cost', 'quality', 'balanced'));

-- Written by the one replica that holds the health checker's advisory lock, read by all every couple of seconds.
create table backend_health (
    backend_id   text primary key references backends (id) on delete cascade,
    healthy      boolean     not null,
    checked_at   timestamptz not null,
    latency_ms   integer,
    waiting      integer,
    cache_usage  double precision,
    detail       text
);
