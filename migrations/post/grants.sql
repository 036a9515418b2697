-- Re-applied after every migration run, so new tables are reachable by the application role.
-- Tables commented 'append-only' (the audit log) lose UPDATE and DELETE: history cannot be rewritten.
DO $$
DECLARE
  s text;
  t record;
BEGIN
  FOR s IN
    SELECT nspname FROM pg_namespace
    WHERE nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'drizzle', 'public')
  LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO shipcrowd_app', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO shipcrowd_app', s);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO shipcrowd_app', s);
  END LOOP;
  FOR t IN
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND obj_description(c.oid, 'pg_class') = 'append-only'
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.%I FROM shipcrowd_app', t.nspname, t.relname);
  END LOOP;
END $$;
