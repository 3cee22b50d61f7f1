-- Recompute the known gaps of the commune layer (migration 0003) from the
-- communes and region outlines just written; readers keep the old rows until commit.
REFRESH MATERIALIZED VIEW CONCURRENTLY commune_gap
