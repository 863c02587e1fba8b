-- Every admin change, whoever made it (an admin API key or a portal user), in the shape of OpenAI's audit logs:
-- an event type, when, the project it concerns, the actor, the resource and what was asked for (or before → after).
create table audit_log (
    seq          bigserial   primary key,
    id           text        not null unique,
    type         text        not null,
    effective_at timestamptz not null default now(),
    project_id   text,
    actor_type   text        not null check (actor_type in ('api_key', 'session')),
    actor_id     text        not null,
    actor_name   text,
    resource_id  text,
    details      text        not null check (details like '{%}')
);
create index audit_log_type on audit_log (type, seq);
create index audit_log_project on audit_log (project_id, seq);
