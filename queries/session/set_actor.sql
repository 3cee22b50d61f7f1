-- Who is acting in this transaction: read by the audit triggers through coopbank_actor().
SELECT set_config('coopbank.actor', %(actor)s, true)
