-- Serialise the writers of the catalogue (seeding, saves) for the rest of the transaction.
LOCK TABLE opportunity IN SHARE ROW EXCLUSIVE MODE
