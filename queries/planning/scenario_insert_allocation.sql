-- One project's money in a saved scenario (MAD) and its place in the funding order (1 = first).
INSERT INTO scenario_allocation (scenario_id, position, reference, allocated_mad)
VALUES (%(scenario_id)s::bigint, %(position)s::integer, %(reference)s::text, %(allocated_mad)s::numeric)
