CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid,
	"seq" bigint NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" uuid,
	"actor_type" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"target_type" text,
	"target_id" text,
	"before" jsonb,
	"after" jsonb,
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_chain_seq_uq" UNIQUE NULLS NOT DISTINCT("company_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit"."audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "audit_log_company_id_idx" ON "audit"."audit_log" USING btree ("company_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit"."audit_log" USING btree ("company_id","action");--> statement-breakpoint
CREATE POLICY "audit_read" ON "audit"."audit_log" AS PERMISSIVE FOR SELECT TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "audit_append" ON "audit"."audit_log" AS PERMISSIVE FOR INSERT TO public WITH CHECK (true);