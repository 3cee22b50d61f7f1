-- Project holders' submissions: wizard drafts, the moderation decisions of
-- officials, and the holder's age (asked by the wizard; the opportunities
-- catalogue matches age rules against it).
--
-- A draft keeps what the holder typed, verbatim, as JSON (keys are the
-- importer's column names, see etl/project_columns.py); submitting it creates
-- a project with publication 'submitted' and links the draft to it.
CREATE TABLE project_draft (
    id          bigserial PRIMARY KEY,
    owner_id    bigint NOT NULL REFERENCES app_user (id),
    step        integer NOT NULL DEFAULT 0 CHECK (step BETWEEN 0 AND 20),
    data        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    project_id  bigint UNIQUE REFERENCES project (id) ON DELETE SET NULL
);
CREATE INDEX project_draft_owner_idx ON project_draft (owner_id);

-- Every moderation decision, with its reason (never blank) and who took it.
CREATE TABLE moderation_decision (
    id          bigserial PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    decision    text NOT NULL CHECK (decision IN ('approve', 'request_changes', 'reject')),
    reason      text NOT NULL CHECK (btrim(reason) <> ''),
    decided_by  text NOT NULL DEFAULT coopbank_actor(),
    decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_decision_project_idx ON moderation_decision (project_id, decided_at);

-- Submission references: SUB-<year>-<n>.
CREATE SEQUENCE project_submission_seq;

ALTER TABLE project ADD COLUMN holder_age integer CHECK (holder_age BETWEEN 15 AND 100);
CREATE INDEX project_publication_idx ON project (publication) WHERE publication <> 'published';
