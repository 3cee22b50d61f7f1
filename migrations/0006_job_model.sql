-- Versions of the job-creation model (planning/jobs.py): cost per direct job by sector,
-- zone factors, indirect and induced multipliers, the declaration flag and their sources,
-- as one JSON document per version. Append-only: a version is never changed or removed,
-- so every estimate's model_version can be traced to the coefficients that produced it.
-- Version 1 is the seed of planning/data/job_model.toml (planning.job_model_store.ensure_seeded).

CREATE TABLE job_model_version (
    version        serial PRIMARY KEY,
    content        jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT coopbank_actor() CHECK (btrim(created_by) <> ''),
    note           text NOT NULL CHECK (btrim(note) <> ''),
    based_on       integer REFERENCES job_model_version (version),
    CHECK (based_on IS NULL OR based_on < version)
);

CREATE FUNCTION job_model_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'job_model_version is append-only: % refused; save a new version instead', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER job_model_version_append_only BEFORE UPDATE OR DELETE ON job_model_version
    FOR EACH ROW EXECUTE FUNCTION job_model_version_refuse_change();
CREATE TRIGGER job_model_version_no_truncate BEFORE TRUNCATE ON job_model_version
    FOR EACH STATEMENT EXECUTE FUNCTION job_model_version_refuse_change();
