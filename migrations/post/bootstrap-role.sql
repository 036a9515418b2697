-- The role the application runs as. It owns no table, so row-level security binds it.
-- Production may give it LOGIN and connect as it directly (DATABASE_URL); otherwise each
-- application connection switches to it with SET ROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shipcrowd_app') THEN
    CREATE ROLE shipcrowd_app NOLOGIN;
  END IF;
  BEGIN
    EXECUTE format('GRANT shipcrowd_app TO %I', current_user);
  EXCEPTION WHEN OTHERS THEN
    NULL; -- already a member, or a superuser: SET ROLE works either way
  END;
END $$;
