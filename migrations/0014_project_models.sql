-- The project models catalogue (issue 8): typical cooperative projects a holder can adopt,
-- each with its investment breakdown, 5-year operating costs and revenue (ramp-up included),
-- jobs, members, skills, funding programmes, territorial conditions and sources
-- (planning/project_models.py). Amounts are MAD. Officials and administrators maintain it;
-- every insert, update and delete is kept in project_model_history (the whole row as jsonb,
-- who and when; the author is the transaction setting ``coopbank.actor``).
-- The table starts empty: planning.project_models.ensure_seeded() loads
-- planning/data/project_models.toml the first time the catalogue is read.

CREATE TABLE project_model (
    code                text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 64),
    sector_code         text NOT NULL REFERENCES sector (code),
    sub_sector_code     text REFERENCES sector (code),
    name_fr             text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar             text NOT NULL CHECK (btrim(name_ar) <> ''),
    description_fr      text NOT NULL DEFAULT '',
    description_ar      text NOT NULL DEFAULT '',
    investment          jsonb NOT NULL,           -- {"equipment": MAD, "building": MAD, ...}
    operating_costs_mad numeric(14, 2)[] NOT NULL,
    revenue_mad         numeric(14, 2)[] NOT NULL,
    jobs_direct         integer CHECK (jobs_direct >= 0),
    women_share         numeric(4, 3) CHECK (women_share BETWEEN 0 AND 1),
    youth_share         numeric(4, 3) CHECK (youth_share BETWEEN 0 AND 1),
    members             integer CHECK (members >= 0),
    skills              text[] NOT NULL DEFAULT '{}',
    programmes          text[] NOT NULL DEFAULT '{}',
    conditions          jsonb NOT NULL DEFAULT '{}',
    sources             jsonb NOT NULL DEFAULT '{}',
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          text NOT NULL DEFAULT coopbank_actor(),
    CHECK (cardinality(operating_costs_mad) = cardinality(revenue_mad))
);
CREATE INDEX project_model_sector_idx ON project_model (sector_code);

CREATE TABLE project_model_history (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL,
    operation  text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    before     jsonb,
    after      jsonb,
    changed_by text NOT NULL DEFAULT coopbank_actor(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_model_history_code_idx ON project_model_history (code, changed_at);

-- The trigger functions come from 0013 (stamp_change, record_history, refuse_change).
CREATE TRIGGER project_model_touch BEFORE INSERT OR UPDATE ON project_model
    FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER project_model_history AFTER INSERT OR UPDATE OR DELETE ON project_model
    FOR EACH ROW EXECUTE FUNCTION record_history('project_model_history', 'code');
CREATE TRIGGER project_model_history_append_only BEFORE UPDATE OR DELETE ON project_model_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The project a holder started from a model keeps the link (the column comes from 0013).
ALTER TABLE project ADD CONSTRAINT project_model_code_fkey
    FOREIGN KEY (model_code) REFERENCES project_model (code) ON UPDATE CASCADE ON DELETE SET NULL;
CREATE INDEX project_model_code_idx ON project (model_code);
