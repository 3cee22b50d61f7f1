-- Every change to an account (creation, role, region, disabling, password reset,
-- lockouts) kept with who made it, as project changes are. The password hash
-- never enters the trail: only whether it changed.
CREATE TABLE account_audit (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL,
    action     text NOT NULL CHECK (action IN ('insert', 'update')),
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    old_row    jsonb,
    new_row    jsonb NOT NULL,
    password_changed boolean NOT NULL DEFAULT false
);
CREATE INDEX account_audit_user_idx ON account_audit (user_id, changed_at);

CREATE FUNCTION account_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO account_audit (user_id, action, changed_by, old_row, new_row, password_changed)
    VALUES (NEW.id, lower(TG_OP), coopbank_actor(),
            CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) - 'password_hash' END,
            to_jsonb(NEW) - 'password_hash',
            TG_OP = 'UPDATE' AND NEW.password_hash IS DISTINCT FROM OLD.password_hash);
    RETURN NEW;
END $$;
CREATE TRIGGER account_track AFTER INSERT OR UPDATE ON app_user
    FOR EACH ROW EXECUTE FUNCTION account_track();
