-- Serialise account creation and role changes (the first-admin check, the last-admin check).
LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE
