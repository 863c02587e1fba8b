-- Backends of kind 'anthropic': Anthropic's Messages API, translated to and from OpenAI's chat completions.
-- V1 declared the kind check inline, so PostgreSQL named it; drop whichever check on backends limits kind to the
-- old list (whatever its name), then add it again under a name of our own.
do $$
declare
    old_check text;
begin
    for old_check in
        select c.conname
        from pg_constraint c
        where c.conrelid = 'backends'::regclass
          and c.contype = 'c'
          and c.conkey = array[(select a.attnum from pg_attribute a
                                where a.attrelid = 'backends'::regclass and a.attname = 'kind')]
    loop
        execute format('alter table backends drop constraint %I', old_check);
    end loop;
end
$$;

alter table backends
    add constraint backends_kind_check check (kind in ('openai', 'simulator', 'anthropic'));
