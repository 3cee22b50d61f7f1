-- Boundary features whose code matched no HCP commune, as recorded by the last load.
SELECT jsonb_array_elements_text(summary -> 'boundary_codes_not_in_hcp') AS code_digits
FROM etl_load WHERE step = 'territory'
