-- A key may be limited to some models: a JSON array of public model names; null means every model.
alter table api_keys add column allowed_models text check (allowed_models is null or allowed_models like '[%]');
