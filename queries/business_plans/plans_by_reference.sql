-- The stored business plans of published projects by reference, with the project's own
-- investment and direct jobs (MAD, jobs); projects without a plan are absent.
SELECT p.reference, p.investment_mad::float8 AS investment_mad, p.jobs_direct,
       b.years, b.operating_costs_mad::float8[] AS operating_costs_mad, b.revenue_mad::float8[] AS revenue_mad,
       b.grant_mad::float8 AS grant_mad, b.honour_loan_mad::float8 AS honour_loan_mad, b.honour_loan_years,
       b.bank_loan_mad::float8 AS bank_loan_mad, b.bank_rate::float8 AS bank_rate, b.bank_years,
       b.discount_rate::float8 AS discount_rate, b.salvage_mad::float8 AS salvage_mad,
       b.updated_at, b.updated_by
FROM project_public p
JOIN project_business_plan b ON b.project_id = p.id
WHERE p.reference = ANY (%(references)s::text[])
