-- Set a project's private contact; no row comes back when nothing changed.
INSERT INTO project_contact AS c (project_id, contact_name, contact_phone, contact_email)
VALUES (%(project_id)s, %(contact_name)s, %(contact_phone)s, %(contact_email)s)
ON CONFLICT (project_id) DO UPDATE SET
    contact_name = EXCLUDED.contact_name, contact_phone = EXCLUDED.contact_phone,
    contact_email = EXCLUDED.contact_email
WHERE (c.contact_name, c.contact_phone, c.contact_email)
      IS DISTINCT FROM (EXCLUDED.contact_name, EXCLUDED.contact_phone, EXCLUDED.contact_email)
RETURNING project_id
