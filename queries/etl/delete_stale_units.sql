-- Remove units that the new HCP files no longer list (children first).
WITH c AS (DELETE FROM commune WHERE NOT (code = ANY (%(communes)s)) RETURNING 1),
     ce AS (DELETE FROM cercle WHERE NOT (code = ANY (%(cercles)s)) RETURNING 1),
     p AS (DELETE FROM province WHERE NOT (code = ANY (%(provinces)s)) RETURNING 1),
     r AS (DELETE FROM region WHERE NOT (code = ANY (%(regions)s)) RETURNING 1)
SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM ce)
     + (SELECT count(*) FROM p) + (SELECT count(*) FROM r) AS deleted
