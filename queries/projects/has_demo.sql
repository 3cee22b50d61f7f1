-- Whether any project is generated demo data.
SELECT EXISTS (SELECT 1 FROM project WHERE is_demo) AS has_demo
