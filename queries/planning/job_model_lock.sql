-- Serialise writers of the job model (seed and saves) until the transaction ends; readers are not blocked.
LOCK TABLE job_model_version IN SHARE ROW EXCLUSIVE MODE
