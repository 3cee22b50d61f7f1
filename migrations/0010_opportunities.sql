-- The opportunities catalogue: funding programmes, training and partnership offers open to
-- cooperative projects, with the eligibility rules a project is matched against
-- (coopbank/opportunities.py). Empty arrays and NULL bounds mean "any". Amounts are MAD.
-- Officials and administrators maintain it; every insert, update and delete is kept in
-- opportunity_history (the whole row as jsonb, who and when), with the author read from
-- the transaction setting ``coopbank.actor`` like the rest of the audit trail.
-- The table starts empty: coopbank.opportunities.ensure_seeded() loads
-- coopbank/data/opportunities.toml the first time the catalogue is read.

CREATE TABLE opportunity (
    code           text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 64),
    kind           text NOT NULL CHECK (kind IN ('funding', 'training', 'partnership')),
    body           text NOT NULL CHECK (btrim(body) <> ''),
    name_fr        text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar        text NOT NULL CHECK (btrim(name_ar) <> ''),
    description_fr text NOT NULL DEFAULT '',
    description_ar text NOT NULL DEFAULT '',
    sectors        text[] NOT NULL DEFAULT '{}',
    holder_kinds   text[] NOT NULL DEFAULT '{}'
                   CHECK (holder_kinds <@ ARRAY['existing', 'to_create', 'union']),
    age_min        integer CHECK (age_min BETWEEN 0 AND 120),
    age_max        integer CHECK (age_max BETWEEN 0 AND 120),
    region_codes   text[] NOT NULL DEFAULT '{}',
    rural_only     boolean NOT NULL DEFAULT false,
    mountain_only  boolean NOT NULL DEFAULT false,
    investment_min numeric(14, 2) CHECK (investment_min >= 0),
    investment_max numeric(14, 2) CHECK (investment_max >= 0),
    ticket_min     numeric(14, 2) CHECK (ticket_min >= 0),
    ticket_max     numeric(14, 2) CHECK (ticket_max >= 0),
    url            text CHECK (url IS NULL OR url ~ '^https?://[^\s]+$'),
    source         text NOT NULL CHECK (btrim(source) <> ''),
    active         boolean NOT NULL DEFAULT true,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    updated_by     text NOT NULL DEFAULT coopbank_actor(),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max),
    CHECK (investment_min IS NULL OR investment_max IS NULL OR investment_min <= investment_max),
    CHECK (ticket_min IS NULL OR ticket_max IS NULL OR ticket_min <= ticket_max)
);
CREATE INDEX opportunity_kind_idx ON opportunity (kind);

CREATE TABLE opportunity_history (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL,
    operation  text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    before     jsonb,
    after      jsonb,
    changed_by text NOT NULL DEFAULT coopbank_actor(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opportunity_history_code_idx ON opportunity_history (code, changed_at);

CREATE FUNCTION opportunity_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.updated_by := coopbank_actor();
    RETURN NEW;
END;
$$;

CREATE FUNCTION opportunity_record_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO opportunity_history (code, operation, after) VALUES (NEW.code, TG_OP, to_jsonb(NEW));
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO opportunity_history (code, operation, before, after)
        VALUES (NEW.code, TG_OP, to_jsonb(OLD), to_jsonb(NEW));
    ELSE
        INSERT INTO opportunity_history (code, operation, before) VALUES (OLD.code, TG_OP, to_jsonb(OLD));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER opportunity_touch BEFORE INSERT OR UPDATE ON opportunity
    FOR EACH ROW EXECUTE FUNCTION opportunity_touch();
CREATE TRIGGER opportunity_history AFTER INSERT OR UPDATE OR DELETE ON opportunity
    FOR EACH ROW EXECUTE FUNCTION opportunity_record_history();

-- History is append-only: a change is never rewritten or removed.
CREATE FUNCTION opportunity_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'opportunity_history is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER opportunity_history_append_only BEFORE UPDATE OR DELETE ON opportunity_history
    FOR EACH ROW EXECUTE FUNCTION opportunity_history_refuse_change();
