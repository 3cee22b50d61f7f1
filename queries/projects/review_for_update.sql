-- One geocode review, locked for the rest of the transaction, with its candidate commune codes.
SELECT g.id, g.state, g.project_id,
       ARRAY(SELECT e ->> 'code' FROM jsonb_array_elements(g.candidates) AS e) AS candidate_codes
FROM geocode_review g
WHERE g.id = %(review_id)s
FOR UPDATE
