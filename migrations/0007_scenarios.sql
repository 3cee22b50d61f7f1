-- Saved investment scenarios (planning.scenario_store): what was asked (params: envelope in MAD, rule,
-- weights, filters, the priority preset or weights and the job model version used), what came out
-- (summary, including whether demo projects were funded) and the money per project in funding order
-- (position 1 = funded first). A project is named by its reference, not its id: a saved scenario
-- stays a record of its day even after the project changes or leaves the bank.
CREATE TABLE scenario (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (btrim(name) <> '' AND length(name) <= 120),
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL CHECK (btrim(created_by) <> ''),
    params      jsonb NOT NULL,
    summary     jsonb NOT NULL
);

CREATE TABLE scenario_allocation (
    scenario_id    bigint NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    position       integer NOT NULL CHECK (position > 0),
    reference      text NOT NULL,
    allocated_mad  numeric(16, 2) NOT NULL CHECK (allocated_mad > 0),
    PRIMARY KEY (scenario_id, reference)
);
