-- Accounts and roles: who may read and write what.
--
-- Roles: 'holder' (project holders: their own projects), 'investor' (shortlists
-- and expressions of interest), 'official' (moderation, edits, imports and
-- exports for region_code, or nationally when it is NULL) and 'admin' (users,
-- taxonomies, coefficients, opportunities). A public visitor has no account.
-- Passwords are argon2id hashes; a single sign-on account (OIDC) has a subject
-- and no password. There are no default accounts: `python -m etl create-user`
-- creates the first administrator.
CREATE TABLE app_user (
    id             bigserial PRIMARY KEY,
    username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    display_name   text NOT NULL CHECK (btrim(display_name) <> ''),
    role           text NOT NULL CHECK (role IN ('holder', 'investor', 'official', 'admin')),
    region_code    text REFERENCES region (code),
    password_hash  text CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
    oidc_subject   text UNIQUE,
    disabled       boolean NOT NULL DEFAULT false,
    failed_logins  integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until   timestamptz,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT coopbank_actor(),
    CHECK (role = 'official' OR region_code IS NULL),
    CHECK (password_hash IS NOT NULL OR oidc_subject IS NOT NULL)
);

-- Every sign-in attempt, kept for the back-off and for the audit.
CREATE TABLE login_attempt (
    id           bigserial PRIMARY KEY,
    username     text NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    succeeded    boolean NOT NULL
);
CREATE INDEX login_attempt_username_idx ON login_attempt (username, attempted_at);

-- A project's holder account and whether it is public yet. Imported and demo
-- projects are published; a holder's submission goes draft → submitted →
-- published, or back as changes_requested, or rejected.
ALTER TABLE project
    ADD COLUMN owner_id    bigint REFERENCES app_user (id),
    ADD COLUMN publication text NOT NULL DEFAULT 'published'
        CHECK (publication IN ('draft', 'submitted', 'changes_requested', 'published', 'rejected'));
CREATE INDEX project_owner_idx ON project (owner_id);

-- The public face shows published projects only: drafts and submissions are
-- read through the role-checked queries of coopbank/access.py's callers.
CREATE OR REPLACE VIEW project_public AS
SELECT p.id, p.reference, p.title_fr, p.title_ar, p.description,
       p.cooperative_name, p.cooperative_status, p.odco_registration,
       p.sector_code, s.label_fr AS sector_fr, s.label_ar AS sector_ar,
       p.sub_sector_code, ss.label_fr AS sub_sector_fr, ss.label_ar AS sub_sector_ar,
       p.status_code, st.label_fr AS status_fr, st.label_ar AS status_ar,
       p.investment_mad, p.funding_secured_mad, p.funding_sources,
       p.jobs_direct, p.jobs_women, p.jobs_youth, p.members_total, p.members_women, p.members_youth,
       p.target_groups, p.training_needs, p.partnership_sought,
       p.commune_code, c.name_fr AS commune_fr, c.name_ar AS commune_ar, c.kind AS commune_kind,
       t.is_mountain,
       p.province_code, pr.name_fr AS province_fr, pr.name_ar AS province_ar,
       p.region_code, r.name_fr AS region_fr, r.name_ar AS region_ar,
       p.geocode_method, p.geocode_confidence, p.submitted_on, p.is_demo, p.created_at, p.updated_at,
       CASE WHEN p.location IS NOT NULL THEN 'project'
            WHEN c.label_point IS NOT NULL THEN 'commune'
            WHEN pr.label_point IS NOT NULL THEN 'province' END AS point_source,
       coalesce(p.location, c.label_point, pr.label_point) AS point
FROM project p
JOIN sector s ON s.code = p.sector_code
LEFT JOIN sector ss ON ss.code = p.sub_sector_code
JOIN project_status st ON st.code = p.status_code
JOIN region r ON r.code = p.region_code
LEFT JOIN province pr ON pr.code = p.province_code
LEFT JOIN commune c ON c.code = p.commune_code
LEFT JOIN commune_terrain t ON t.commune_code = p.commune_code
WHERE p.publication = 'published';
