-- Store (or replace) a project's business plan; the history trigger records the change.
INSERT INTO project_business_plan (project_id, years, operating_costs_mad, revenue_mad, grant_mad,
                                   honour_loan_mad, honour_loan_years, bank_loan_mad, bank_rate, bank_years,
                                   discount_rate, salvage_mad)
VALUES (%(project_id)s::bigint, %(years)s::integer, %(operating_costs_mad)s::numeric[], %(revenue_mad)s::numeric[],
        %(grant_mad)s::numeric, %(honour_loan_mad)s::numeric, %(honour_loan_years)s::integer,
        %(bank_loan_mad)s::numeric, %(bank_rate)s::numeric, %(bank_years)s::integer,
        %(discount_rate)s::numeric, %(salvage_mad)s::numeric)
ON CONFLICT (project_id) DO UPDATE SET
    years = EXCLUDED.years, operating_costs_mad = EXCLUDED.operating_costs_mad,
    revenue_mad = EXCLUDED.revenue_mad, grant_mad = EXCLUDED.grant_mad,
    honour_loan_mad = EXCLUDED.honour_loan_mad, honour_loan_years = EXCLUDED.honour_loan_years,
    bank_loan_mad = EXCLUDED.bank_loan_mad, bank_rate = EXCLUDED.bank_rate, bank_years = EXCLUDED.bank_years,
    discount_rate = EXCLUDED.discount_rate, salvage_mad = EXCLUDED.salvage_mad
RETURNING project_id
