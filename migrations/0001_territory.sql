-- Territorial base: Morocco's regions, provinces, cercles and communes (HCP, RGPH 2024)
-- with their boundaries (OpenStreetMap), economic establishments (HCP 2024),
-- census indicators (RGPH 2014 and 2024) and commune terrain (1 km DEM).

CREATE EXTENSION IF NOT EXISTS postgis;

-- Where a boundary came from and how precise it is.
CREATE TYPE geom_precision AS ENUM ('full', 'quantised', 'simplified');

CREATE TABLE region (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    iso_3166_2      text UNIQUE CHECK (iso_3166_2 ~ '^MA-[0-9]{2}$'),
    name_fr         text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar         text NOT NULL CHECK (btrim(name_ar) <> ''),
    population_2024 integer NOT NULL CHECK (population_2024 > 0),
    households_2024 integer NOT NULL CHECK (households_2024 > 0 AND households_2024 <= population_2024),
    geom            geometry(MultiPolygon, 4326),
    geom_display    geometry(MultiPolygon, 4326),
    label_point     geometry(Point, 4326),
    geom_source     text,
    geom_precision  geom_precision,
    geom_repaired   boolean NOT NULL DEFAULT false,
    CHECK ((geom IS NULL) = (geom_source IS NULL) AND (geom IS NULL) = (geom_precision IS NULL))
);

CREATE TABLE province (
    code            text PRIMARY KEY,
    code_digits     text NOT NULL UNIQUE CHECK (code_digits ~ '^([0-9]{5}|[0-9]{9})$'),
    region_code     text NOT NULL REFERENCES region (code),
    -- A préfecture d'arrondissements (Casablanca) lies inside a commune and holds none.
    kind            text NOT NULL CHECK (kind IN ('province', 'prefecture', 'prefecture_of_arrondissements')),
    iso_3166_2      text UNIQUE CHECK (iso_3166_2 ~ '^MA-[A-Z]{3}$'),
    crosswalk_iou   numeric(4, 3) CHECK (crosswalk_iou BETWEEN 0 AND 1),
    name_fr         text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar         text NOT NULL CHECK (btrim(name_ar) <> ''),
    population_2024 integer NOT NULL CHECK (population_2024 >= 0),
    households_2024 integer NOT NULL CHECK (households_2024 >= 0 AND households_2024 <= population_2024),
    geom            geometry(MultiPolygon, 4326),
    geom_display    geometry(MultiPolygon, 4326),
    label_point     geometry(Point, 4326),
    geom_source     text,
    geom_precision  geom_precision,
    geom_repaired   boolean NOT NULL DEFAULT false,
    UNIQUE (code, region_code),
    CHECK (code ~ '^[0-9]{2}\.[0-9]{3}$'
           OR (kind = 'prefecture_of_arrondissements' AND code ~ '^[0-9]{2}\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}$')),
    CHECK (code LIKE region_code || '.%'),
    CHECK ((geom IS NULL) = (geom_source IS NULL) AND (geom IS NULL) = (geom_precision IS NULL))
);

CREATE TABLE cercle (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{2}\.[0-9]{3}\.[0-9]{2}$'),
    code_digits     text NOT NULL UNIQUE CHECK (code_digits ~ '^[0-9]{7}$'),
    province_code   text NOT NULL,
    region_code     text NOT NULL,
    name_fr         text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar         text NOT NULL CHECK (btrim(name_ar) <> ''),
    population_2024 integer NOT NULL CHECK (population_2024 >= 0),
    households_2024 integer NOT NULL CHECK (households_2024 >= 0 AND households_2024 <= population_2024),
    UNIQUE (code, province_code),
    FOREIGN KEY (province_code, region_code) REFERENCES province (code, region_code),
    CHECK (code LIKE province_code || '.%')
);

CREATE TABLE commune (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{2}\.[0-9]{3}\.[0-9]{2}\.[0-9]{1,2}$'),
    code_digits     text NOT NULL UNIQUE CHECK (code_digits ~ '^[0-9]{9}$'),
    slug            text NOT NULL,
    name_fr         text NOT NULL CHECK (btrim(name_fr) <> ''),
    name_ar         text NOT NULL CHECK (btrim(name_ar) <> ''),
    kind            text NOT NULL CHECK (kind IN ('urban', 'rural')),
    region_code     text NOT NULL,
    province_code   text NOT NULL,
    cercle_code     text,
    population_2024 integer NOT NULL CHECK (population_2024 >= 0),
    households_2024 integer NOT NULL CHECK (households_2024 >= 0 AND households_2024 <= population_2024),
    population_2014 integer CHECK (population_2014 >= 0),
    change_pct      numeric(8, 2),
    area_km2        numeric(10, 2) CHECK (area_km2 > 0),
    geom            geometry(MultiPolygon, 4326),
    geom_display    geometry(MultiPolygon, 4326),
    label_point     geometry(Point, 4326),
    geom_source     text,
    geom_precision  geom_precision,
    geom_repaired   boolean NOT NULL DEFAULT false,
    FOREIGN KEY (province_code, region_code) REFERENCES province (code, region_code),
    FOREIGN KEY (cercle_code, province_code) REFERENCES cercle (code, province_code),
    CHECK (code LIKE province_code || '.%'),
    CHECK (cercle_code IS NULL OR code LIKE cercle_code || '.%'),
    CHECK (kind = 'urban' OR cercle_code IS NOT NULL),
    CHECK ((population_2014 IS NULL) = (change_pct IS NULL)),
    CHECK ((geom IS NULL) = (geom_source IS NULL) AND (geom IS NULL) = (geom_precision IS NULL))
);

CREATE INDEX region_geom_idx ON region USING gist (geom);
CREATE INDEX province_geom_idx ON province USING gist (geom);
CREATE INDEX commune_geom_idx ON commune USING gist (geom);
CREATE INDEX commune_province_idx ON commune (province_code);
CREATE INDEX commune_region_idx ON commune (region_code);

-- HCP 2024 mapping of economic establishments (farms are not counted), one row
-- per territorial unit. ``basis`` says how HCP produced the row: 'hcp' as
-- published, 'arrondissement_sum' for a city summed from its arrondissements.
CREATE TABLE establishments (
    level                          text NOT NULL CHECK (level IN ('country', 'region', 'province', 'cercle', 'arrondissement', 'commune')),
    unit_code                      text NOT NULL,
    name_fr                        text NOT NULL,
    basis                          text NOT NULL CHECK (basis IN ('hcp', 'arrondissement_sum')),
    establishments_total           integer NOT NULL CHECK (establishments_total >= 0),
    establishments_public_services integer NOT NULL CHECK (establishments_public_services >= 0),
    establishments_non_profit      integer NOT NULL CHECK (establishments_non_profit >= 0),
    establishments_weekly_souks    integer NOT NULL CHECK (establishments_weekly_souks >= 0),
    establishments_business        integer NOT NULL CHECK (establishments_business >= 0),
    establishments_jobs            integer NOT NULL CHECK (establishments_jobs >= 0),
    sector_industry                integer NOT NULL CHECK (sector_industry >= 0),
    sector_construction            integer NOT NULL CHECK (sector_construction >= 0),
    sector_commerce                integer NOT NULL CHECK (sector_commerce >= 0),
    sector_services                integer NOT NULL CHECK (sector_services >= 0),
    size_1                         integer NOT NULL CHECK (size_1 >= 0),
    size_2_3                       integer NOT NULL CHECK (size_2_3 >= 0),
    size_4_9                       integer NOT NULL CHECK (size_4_9 >= 0),
    size_10_49                     integer NOT NULL CHECK (size_10_49 >= 0),
    size_50_plus                   integer NOT NULL CHECK (size_50_plus >= 0),
    founded_before_1956            integer NOT NULL CHECK (founded_before_1956 >= 0),
    founded_1956_1980              integer NOT NULL CHECK (founded_1956_1980 >= 0),
    founded_1981_1990              integer NOT NULL CHECK (founded_1981_1990 >= 0),
    founded_1991_2000              integer NOT NULL CHECK (founded_1991_2000 >= 0),
    founded_2001_2010              integer NOT NULL CHECK (founded_2001_2010 >= 0),
    founded_2011_2019              integer NOT NULL CHECK (founded_2011_2019 >= 0),
    founded_2020_plus              integer NOT NULL CHECK (founded_2020_plus >= 0),
    PRIMARY KEY (level, unit_code),
    CHECK (establishments_business <= establishments_total)
);

-- Field descriptions published with the establishments (label, HCP heading, unit).
CREATE TABLE establishments_field (
    column_name text PRIMARY KEY,
    path        text NOT NULL,
    label       text NOT NULL,
    heading     text NOT NULL,
    unit        text NOT NULL
);

-- HCP census indicators per commune, long form: one value per (commune, census, path).
CREATE TABLE commune_indicator (
    commune_code text NOT NULL REFERENCES commune (code) ON DELETE CASCADE,
    census_year  smallint NOT NULL CHECK (census_year IN (2014, 2024)),
    path         text NOT NULL CHECK (path ~ '^[A-Za-z0-9]+\.[A-Za-z0-9.+-]+$'),
    value        double precision NOT NULL,
    PRIMARY KEY (commune_code, census_year, path)
);
CREATE INDEX commune_indicator_path_idx ON commune_indicator (census_year, path);

-- How the terrain figures were produced: method, thresholds and the DEM used.
CREATE TABLE terrain_method (
    id          serial PRIMARY KEY,
    method      text NOT NULL,
    thresholds  jsonb NOT NULL,
    dem_sha256  text NOT NULL CHECK (dem_sha256 ~ '^[0-9a-f]{64}$'),
    computed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE commune_terrain (
    commune_code       text PRIMARY KEY REFERENCES commune (code) ON DELETE CASCADE,
    method_id          integer NOT NULL REFERENCES terrain_method (id),
    cells              integer NOT NULL CHECK (cells >= 0),
    elevation_mean_m   double precision,
    elevation_median_m double precision,
    elevation_min_m    double precision,
    elevation_max_m    double precision,
    share_above_1000m  double precision CHECK (share_above_1000m BETWEEN 0 AND 1),
    relief_m           double precision CHECK (relief_m >= 0),
    mountain_share     double precision CHECK (mountain_share BETWEEN 0 AND 1),
    is_mountain        boolean,
    CHECK (elevation_min_m <= elevation_mean_m AND elevation_mean_m <= elevation_max_m),
    CHECK ((cells = 0) = (is_mountain IS NULL))
);

-- What each ETL step last loaded, so an unchanged input is not loaded twice.
CREATE TABLE etl_load (
    step        text PRIMARY KEY,
    fingerprint text NOT NULL,
    summary     jsonb NOT NULL DEFAULT '{}'::jsonb,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- Where every loaded file came from, with its checksum.
CREATE TABLE source_file (
    name      text PRIMARY KEY,
    sha256    text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    origin    text NOT NULL CHECK (origin IN ('local', 'download')),
    loaded_at timestamptz NOT NULL DEFAULT now()
);
