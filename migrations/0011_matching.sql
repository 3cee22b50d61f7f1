-- Investor matching and the in-app inbox (coopbank/matching.py).
--
-- An investor's expression of interest in a published project is a match. It
-- moves new → in_contact → due_diligence → agreed → funded, one step at a
-- time, or is closed, always with a reason, from any open state (new to
-- agreed). 'funded' and 'closed' are final. An investor has at most one match
-- on a project that is not closed. Every status change, the first one
-- included (from NULL to 'new'), is kept in project_match_event with who made
-- it. The messages and reasons are stored exactly as typed.
CREATE TABLE project_match (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    investor_id   bigint NOT NULL REFERENCES app_user (id),
    status        text NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_contact', 'due_diligence', 'agreed', 'funded', 'closed')),
    close_reason  text CHECK (close_reason IS NULL OR length(close_reason) <= 1000),
    message       text CHECK (message IS NULL OR length(message) <= 2000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT coopbank_actor(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text NOT NULL DEFAULT coopbank_actor(),
    CHECK (status <> 'closed' OR btrim(coalesce(close_reason, '')) <> '')
);
CREATE UNIQUE INDEX project_match_one_open_idx ON project_match (project_id, investor_id) WHERE status <> 'closed';
CREATE INDEX project_match_investor_idx ON project_match (investor_id);

CREATE TABLE project_match_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_id     bigint NOT NULL REFERENCES project_match (id) ON DELETE CASCADE,
    from_status  text,
    to_status    text NOT NULL,
    reason       text CHECK (reason IS NULL OR length(reason) <= 1000),
    changed_by   text NOT NULL DEFAULT coopbank_actor(),
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_match_event_match_idx ON project_match_event (match_id, changed_at);

-- The inbox holds a message key (an English msgid of the matching catalogue)
-- and its parameters, never a translated text: each recipient reads it in the
-- language they have chosen when they read it.
CREATE TABLE inbox_message (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id  bigint NOT NULL REFERENCES app_user (id),
    match_id      bigint REFERENCES project_match (id) ON DELETE CASCADE,
    subject_key   text NOT NULL CHECK (btrim(subject_key) <> ''),
    params        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT coopbank_actor(),
    read_at       timestamptz
);
CREATE INDEX inbox_message_recipient_idx ON inbox_message (recipient_id, created_at DESC);
