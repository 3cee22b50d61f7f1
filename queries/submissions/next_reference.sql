-- A new submission reference: SUB-<year>-<n>.
SELECT 'SUB-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('project_submission_seq')::text, 5, '0') AS reference
