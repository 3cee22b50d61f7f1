-- Business plans of projects (planning/business_plan.py computes them; planning/project_plans.py
-- reads and writes them). One plan per project: the yearly operating costs and revenue (MAD,
-- ramp-up included, one value per operating year 1..years), the financing (grant, honour loan
-- at 0 %, bank loan with its annual rate and term) and the discount rate. The investment and the
-- direct jobs are the project's own (project.investment_mad, project.jobs_direct), never copied.
-- A project without a row here has no business plan: pages say "not provided".
-- Every insert, update and delete is kept in project_business_plan_history (append-only), with
-- the author read from the transaction setting ``coopbank.actor``.

CREATE TABLE project_business_plan (
    project_id         bigint PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    years              integer NOT NULL CHECK (years BETWEEN 5 AND 10),
    operating_costs_mad numeric(14, 2)[] NOT NULL,
    revenue_mad        numeric(14, 2)[] NOT NULL,
    grant_mad          numeric(14, 2) NOT NULL DEFAULT 0 CHECK (grant_mad >= 0),
    honour_loan_mad    numeric(14, 2) NOT NULL DEFAULT 0 CHECK (honour_loan_mad >= 0),
    honour_loan_years  integer NOT NULL DEFAULT 0 CHECK (honour_loan_years BETWEEN 0 AND 10),
    bank_loan_mad      numeric(14, 2) NOT NULL DEFAULT 0 CHECK (bank_loan_mad >= 0),
    bank_rate          numeric(6, 5) NOT NULL DEFAULT 0 CHECK (bank_rate BETWEEN 0 AND 0.3),
    bank_years         integer NOT NULL DEFAULT 0 CHECK (bank_years BETWEEN 0 AND 10),
    discount_rate      numeric(6, 5) NOT NULL DEFAULT 0.08 CHECK (discount_rate BETWEEN 0 AND 0.5),
    salvage_mad        numeric(14, 2) NOT NULL DEFAULT 0 CHECK (salvage_mad >= 0),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         text NOT NULL DEFAULT coopbank_actor(),
    CHECK (cardinality(operating_costs_mad) = years AND cardinality(revenue_mad) = years),
    CHECK (0 <= ALL (operating_costs_mad) AND 0 <= ALL (revenue_mad))
);

CREATE TABLE project_business_plan_history (
    id         bigserial PRIMARY KEY,
    project_id bigint NOT NULL,
    operation  text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    before     jsonb,
    after      jsonb,
    changed_by text NOT NULL DEFAULT coopbank_actor(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_business_plan_history_project_idx ON project_business_plan_history (project_id, changed_at);

-- Three trigger functions any catalogue-like table can share (0014 uses them too):
-- stamp_change() sets updated_at/updated_by; record_history(history table, key column)
-- keeps every insert, update and delete in the history table; refuse_change() makes a
-- history table append-only.
CREATE FUNCTION stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.updated_by := coopbank_actor();
    RETURN NEW;
END;
$$;

CREATE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    after_row  jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    before_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
BEGIN
    -- TG_ARGV[0] is the history table, TG_ARGV[1] the key column it shares with the tracked table.
    EXECUTE format('INSERT INTO %I (%I, operation, before, after) VALUES (%L, $1, $2, $3)',
                   TG_ARGV[0], TG_ARGV[1], coalesce(after_row, before_row) ->> TG_ARGV[1])
        USING TG_OP, before_row, after_row;
    RETURN NULL;
END;
$$;

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER project_business_plan_touch BEFORE INSERT OR UPDATE ON project_business_plan
    FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER project_business_plan_history AFTER INSERT OR UPDATE OR DELETE ON project_business_plan
    FOR EACH ROW EXECUTE FUNCTION record_history('project_business_plan_history', 'project_id');
CREATE TRIGGER project_business_plan_history_append_only BEFORE UPDATE OR DELETE ON project_business_plan_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The project model a project was adopted from (the catalogue of planning/project_models.py).
-- No foreign key here: the catalogue's table comes with migration 0014, which may add it.
ALTER TABLE project ADD COLUMN model_code text;
