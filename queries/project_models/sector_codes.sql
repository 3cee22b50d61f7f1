-- The sector codes (top-level and sub-sectors) a model may name, with each one's parent.
SELECT code, parent_code FROM sector
