-- Settle a pending review: 'resolved' with the chosen commune, or 'dismissed'
-- (commune NULL); who and when come from the transaction's actor and clock.
UPDATE geocode_review
SET state = %(state)s, chosen_commune_code = %(commune_code)s, resolved_by = coopbank_actor(), resolved_at = now()
WHERE id = %(review_id)s AND state = 'pending'
