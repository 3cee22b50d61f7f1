-- Serialise the writers of the models catalogue (seeding, saves) for the rest of the transaction.
LOCK TABLE project_model IN SHARE ROW EXCLUSIVE MODE
