-- Whether projects record the project model they were adopted from (project.model_code).
SELECT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'project' AND column_name = 'model_code'
) AS present
