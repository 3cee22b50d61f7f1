-- Project bank: cooperative projects geocoded onto communes, with a sector
-- taxonomy officials can edit, a status workflow with history, private
-- contacts, an audit trail, imports with a quarantine of rejected rows, and a
-- review queue for ambiguous geocoding. Who made a change is read from the
-- transaction setting ``coopbank.actor`` (set by the query layer).

CREATE FUNCTION coopbank_actor() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('coopbank.actor', true), ''), current_user::text)
$$;

-- Sectors (parent_code NULL) and their sub-sectors (parent_code = the sector).
CREATE TABLE sector (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    parent_code text REFERENCES sector (code),
    label_fr    text NOT NULL CHECK (btrim(label_fr) <> ''),
    label_ar    text NOT NULL CHECK (btrim(label_ar) <> ''),
    label_en    text NOT NULL CHECK (btrim(label_en) <> ''),
    sort_order  integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL DEFAULT coopbank_actor(),
    UNIQUE (code, parent_code),
    CHECK (parent_code IS DISTINCT FROM code)
);

INSERT INTO sector (code, label_fr, label_ar, label_en, sort_order) VALUES
    ('agriculture', 'Agriculture', 'الفلاحة', 'Agriculture', 10),
    ('artisanat', 'Artisanat', 'الصناعة التقليدية', 'Handicrafts', 20),
    ('agroalimentaire', 'Agro-alimentaire', 'الصناعات الغذائية', 'Food processing', 30),
    ('argan', 'Argan', 'الأركان', 'Argan', 40),
    ('pam', 'Plantes aromatiques et médicinales', 'النباتات العطرية والطبية', 'Aromatic and medicinal plants', 50),
    ('peche', 'Pêche', 'الصيد البحري', 'Fisheries', 60),
    ('forets', 'Forêts', 'الغابات', 'Forestry', 70),
    ('habitat', 'Habitat', 'السكن', 'Housing', 80),
    ('commerce_services', 'Commerce et services', 'التجارة والخدمات', 'Trade and services', 90),
    ('tourisme_rural', 'Tourisme rural', 'السياحة القروية', 'Rural tourism', 100),
    ('transport', 'Transport', 'النقل', 'Transport', 110),
    ('eau_energie', 'Eau et énergie', 'الماء والطاقة', 'Water and energy', 120),
    ('numerique', 'Numérique', 'الرقمي', 'Digital', 130),
    ('elevage', 'Élevage', 'تربية الماشية', 'Livestock', 140),
    ('apiculture', 'Apiculture', 'تربية النحل', 'Beekeeping', 150),
    ('autres', 'Autres', 'قطاعات أخرى', 'Other', 900);

INSERT INTO sector (code, parent_code, label_fr, label_ar, label_en, sort_order) VALUES
    ('cereales', 'agriculture', 'Céréales', 'الحبوب', 'Cereals', 11),
    ('arboriculture', 'agriculture', 'Arboriculture', 'غرس الأشجار المثمرة', 'Fruit trees', 12),
    ('maraichage', 'agriculture', 'Maraîchage', 'زراعة الخضروات', 'Market gardening', 13),
    ('dattes', 'agriculture', 'Dattes', 'التمور', 'Dates', 14),
    ('safran', 'agriculture', 'Safran', 'الزعفران', 'Saffron', 15),
    ('tapis', 'artisanat', 'Tapis et tissage', 'الزرابي والنسيج', 'Carpets and weaving', 21),
    ('poterie', 'artisanat', 'Poterie', 'الفخار', 'Pottery', 22),
    ('couture', 'artisanat', 'Couture et broderie', 'الخياطة والطرز', 'Sewing and embroidery', 23),
    ('lait', 'agroalimentaire', 'Lait et dérivés', 'الحليب ومشتقاته', 'Dairy', 31),
    ('couscous', 'agroalimentaire', 'Couscous et pâtes', 'الكسكس والعجائن', 'Couscous and pasta', 32),
    ('huile_olive', 'agroalimentaire', 'Huile d''olive', 'زيت الزيتون', 'Olive oil', 33),
    ('huile_argan', 'argan', 'Huile d''argan', 'زيت الأركان', 'Argan oil', 41),
    ('distillation', 'pam', 'Distillation', 'التقطير', 'Distillation', 51),
    ('miel', 'apiculture', 'Miel', 'العسل', 'Honey', 151),
    ('caprins', 'elevage', 'Caprins', 'الماعز', 'Goats', 141),
    ('ovins', 'elevage', 'Ovins', 'الأغنام', 'Sheep', 142),
    ('gite', 'tourisme_rural', 'Gîte et hébergement', 'الإيواء السياحي', 'Lodging', 101),
    ('energie_solaire', 'eau_energie', 'Énergie solaire', 'الطاقة الشمسية', 'Solar energy', 121);

CREATE TABLE project_status (
    code       text PRIMARY KEY,
    label_fr   text NOT NULL,
    label_ar   text NOT NULL,
    label_en   text NOT NULL,
    sort_order integer NOT NULL,
    final      boolean NOT NULL DEFAULT false
);
INSERT INTO project_status (code, label_fr, label_ar, label_en, sort_order, final) VALUES
    ('idea', 'Idée', 'فكرة', 'Idea', 1, false),
    ('under_study', 'En étude', 'قيد الدراسة', 'Under study', 2, false),
    ('ready', 'Prêt à mettre en œuvre', 'جاهز للتنفيذ', 'Ready to implement', 3, false),
    ('seeking_funding', 'En recherche de financement', 'في طور البحث عن التمويل', 'Seeking funding', 4, false),
    ('funded', 'Financé', 'ممول', 'Funded', 5, false),
    ('in_progress', 'En cours', 'في طور الإنجاز', 'In progress', 6, false),
    ('completed', 'Achevé', 'منجز', 'Completed', 7, true),
    ('rejected', 'Rejeté', 'مرفوض', 'Rejected', 8, true),
    ('withdrawn', 'Retiré', 'مسحوب', 'Withdrawn', 9, true);

CREATE TABLE project (
    id                  bigserial PRIMARY KEY,
    reference           text NOT NULL UNIQUE CHECK (btrim(reference) <> '' AND length(reference) <= 64),
    title_fr            text,
    title_ar            text,
    description         text,
    cooperative_name    text,
    cooperative_status  text CHECK (cooperative_status IN ('existing', 'to_create', 'union')),
    odco_registration   text,
    sector_code         text NOT NULL REFERENCES sector (code),
    sub_sector_code     text,
    status_code         text NOT NULL REFERENCES project_status (code),
    investment_mad      numeric(14, 2) CHECK (investment_mad >= 0),
    funding_secured_mad numeric(14, 2) CHECK (funding_secured_mad >= 0),
    funding_sources     text,
    jobs_direct         integer CHECK (jobs_direct >= 0),
    jobs_women          integer CHECK (jobs_women >= 0 AND jobs_women <= jobs_direct),
    jobs_youth          integer CHECK (jobs_youth >= 0 AND jobs_youth <= jobs_direct),
    members_total       integer CHECK (members_total >= 0),
    members_women       integer CHECK (members_women >= 0 AND members_women <= members_total),
    members_youth       integer CHECK (members_youth >= 0 AND members_youth <= members_total),
    target_groups       text[] NOT NULL DEFAULT '{}'
                        CHECK (target_groups <@ ARRAY['women', 'youth', 'disabled', 'migrants', 'rural']),
    training_needs      text,
    partnership_sought  text,
    commune_code        text REFERENCES commune (code),
    province_code       text REFERENCES province (code),
    region_code         text REFERENCES region (code),
    location            geometry(Point, 4326),
    geocode_method      text CHECK (geocode_method IN ('commune_code', 'commune_name', 'point', 'snapped_point',
                                                       'province_only', 'manual')),
    geocode_confidence  numeric(4, 3) CHECK (geocode_confidence BETWEEN 0 AND 1),
    submitted_on        date,
    is_demo             boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text NOT NULL DEFAULT coopbank_actor(),
    updated_by          text NOT NULL DEFAULT coopbank_actor(),
    FOREIGN KEY (sub_sector_code, sector_code) REFERENCES sector (code, parent_code),
    CHECK (coalesce(btrim(title_fr), '') <> '' OR coalesce(btrim(title_ar), '') <> ''),
    CHECK (region_code IS NOT NULL),
    CHECK (commune_code IS NULL OR province_code IS NOT NULL),
    CHECK (funding_secured_mad IS NULL OR investment_mad IS NULL OR funding_secured_mad <= investment_mad)
);
CREATE INDEX project_location_idx ON project USING gist (location);
CREATE INDEX project_commune_idx ON project (commune_code);
CREATE INDEX project_province_idx ON project (province_code);
CREATE INDEX project_region_idx ON project (region_code);
CREATE INDEX project_sector_idx ON project (sector_code);
CREATE INDEX project_status_idx ON project (status_code);

-- Contacts are private: a table of their own that public queries never join.
CREATE TABLE project_contact (
    project_id    bigint PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    contact_name  text,
    contact_phone text,
    contact_email text CHECK (contact_email IS NULL OR contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')
);

CREATE TABLE project_status_history (
    id          bigserial PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    from_status text REFERENCES project_status (code),
    to_status   text NOT NULL REFERENCES project_status (code),
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_status_history_project_idx ON project_status_history (project_id);

-- Every insert, update and delete of a project, with the rows before and after.
CREATE TABLE project_audit (
    id         bigserial PRIMARY KEY,
    project_id bigint NOT NULL,
    action     text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    old_row    jsonb,
    new_row    jsonb
);
CREATE INDEX project_audit_project_idx ON project_audit (project_id);

CREATE FUNCTION project_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO project_audit (project_id, action, changed_by, new_row)
        VALUES (NEW.id, 'insert', coopbank_actor(), to_jsonb(NEW));
        INSERT INTO project_status_history (project_id, from_status, to_status, changed_by)
        VALUES (NEW.id, NULL, NEW.status_code, coopbank_actor());
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO project_audit (project_id, action, changed_by, old_row, new_row)
        VALUES (NEW.id, 'update', coopbank_actor(), to_jsonb(OLD), to_jsonb(NEW));
        IF NEW.status_code IS DISTINCT FROM OLD.status_code THEN
            INSERT INTO project_status_history (project_id, from_status, to_status, changed_by)
            VALUES (NEW.id, OLD.status_code, NEW.status_code, coopbank_actor());
        END IF;
        RETURN NEW;
    ELSE
        INSERT INTO project_audit (project_id, action, changed_by, old_row)
        VALUES (OLD.id, 'delete', coopbank_actor(), to_jsonb(OLD));
        RETURN OLD;
    END IF;
END $$;

CREATE FUNCTION project_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    NEW.updated_by := coopbank_actor();
    RETURN NEW;
END $$;

CREATE TRIGGER project_touch BEFORE UPDATE ON project FOR EACH ROW EXECUTE FUNCTION project_touch();
CREATE TRIGGER project_track AFTER INSERT OR UPDATE OR DELETE ON project
    FOR EACH ROW EXECUTE FUNCTION project_track();

-- One import of a file, with the counts of its report.
CREATE TABLE import_run (
    id          bigserial PRIMARY KEY,
    file_name   text NOT NULL,
    file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_format text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
    encoding    text,
    actor       text NOT NULL DEFAULT coopbank_actor(),
    started_at  timestamptz NOT NULL DEFAULT now(),
    rows_read   integer NOT NULL CHECK (rows_read >= 0),
    inserted    integer NOT NULL CHECK (inserted >= 0),
    updated     integer NOT NULL CHECK (updated >= 0),
    unchanged   integer NOT NULL CHECK (unchanged >= 0),
    rejected    integer NOT NULL CHECK (rejected >= 0),
    CHECK (rows_read = inserted + updated + unchanged + rejected)
);

-- Rows an import rejected, kept with their content and every reason.
CREATE TABLE import_rejection (
    id         bigserial PRIMARY KEY,
    run_id     bigint NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    row_number integer NOT NULL CHECK (row_number >= 1),
    reference  text,
    raw        jsonb NOT NULL,
    errors     jsonb NOT NULL,
    UNIQUE (run_id, row_number)
);

-- Place names the geocoder could not settle alone: an official picks the commune.
CREATE TABLE geocode_review (
    id            bigserial PRIMARY KEY,
    project_id    bigint REFERENCES project (id) ON DELETE CASCADE,
    query         jsonb NOT NULL,
    candidates    jsonb NOT NULL,
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'resolved', 'dismissed')),
    chosen_commune_code text REFERENCES commune (code),
    created_at    timestamptz NOT NULL DEFAULT now(),
    resolved_by   text,
    resolved_at   timestamptz,
    CHECK ((state = 'resolved') = (chosen_commune_code IS NOT NULL))
);
CREATE UNIQUE INDEX geocode_review_pending_idx ON geocode_review (project_id) WHERE state = 'pending';
