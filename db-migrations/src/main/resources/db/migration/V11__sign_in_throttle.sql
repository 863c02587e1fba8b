-- Failed portal sign-ins, per typed username and per client address, so that password guessing is slowed down on
-- every replica alike. A subject is 'user:<name as typed, lowercased>' or 'address:<ip>'; a name that is no user is
-- throttled just the same, so a lock tells nothing about which users exist.
create table sign_in_failures (
    subject          text primary key,
    failures         integer     not null,
    first_failure_at timestamptz not null,
    locked_until     timestamptz
);
