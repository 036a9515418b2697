-- The audit log is append-only: migrations/post/grants.sql revokes UPDATE, DELETE and TRUNCATE
-- from the application role on every table carrying this comment.
COMMENT ON TABLE "audit"."audit_log" IS 'append-only';
--> statement-breakpoint
-- The head (last seq and hash) of one chain, readable from any tenant scope: appending needs the
-- previous hash even when row-level security hides the chain's rows (e.g. the platform chain).
-- Runs as the table owner, so RLS does not apply; it exposes nothing but the head.
CREATE OR REPLACE FUNCTION "audit"."chain_head"(p_company_id uuid)
RETURNS TABLE(seq bigint, hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_company_id IS NULL THEN
    RETURN QUERY SELECT l.seq, l.hash FROM audit.audit_log l WHERE l.company_id IS NULL ORDER BY l.seq DESC LIMIT 1;
  ELSE
    RETURN QUERY SELECT l.seq, l.hash FROM audit.audit_log l WHERE l.company_id = p_company_id ORDER BY l.seq DESC LIMIT 1;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "audit"."chain_head"(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "audit"."chain_head"(uuid) TO shipcrowd_app;
