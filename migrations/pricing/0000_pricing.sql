CREATE SCHEMA "pricing";
--> statement-breakpoint
CREATE TABLE "pricing"."company_tiers" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"tier" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pricing"."company_tiers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pricing"."courier_performance" (
	"courier" text PRIMARY KEY NOT NULL,
	"score" double precision NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing"."quote_preferences" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"cost" double precision NOT NULL,
	"speed" double precision NOT NULL,
	"performance" double precision NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pricing"."quote_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pricing"."rate_card_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rate_card_id" uuid NOT NULL,
	"company_id" uuid,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"terms" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"effective_to" timestamp with time zone,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reject_reason" text,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pricing"."rate_card_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pricing"."rate_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"company_id" uuid,
	"courier" text NOT NULL,
	"service" text NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" uuid,
	"retired_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pricing"."rate_cards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pricing"."rate_card_versions" ADD CONSTRAINT "rate_card_versions_rate_card_id_rate_cards_id_fk" FOREIGN KEY ("rate_card_id") REFERENCES "pricing"."rate_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rate_card_versions_card_version_uq" ON "pricing"."rate_card_versions" USING btree ("rate_card_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "rate_card_versions_one_active_uq" ON "pricing"."rate_card_versions" USING btree ("rate_card_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "rate_card_versions_in_force_idx" ON "pricing"."rate_card_versions" USING btree ("status","effective_from") WHERE status in ('active', 'approved');--> statement-breakpoint
CREATE UNIQUE INDEX "rate_cards_live_uq" ON "pricing"."rate_cards" USING btree ("scope",coalesce("company_id", '00000000-0000-0000-0000-000000000000'::uuid),"courier","service") WHERE retired_at is null;--> statement-breakpoint
CREATE INDEX "rate_cards_company_idx" ON "pricing"."rate_cards" USING btree ("company_id") WHERE company_id is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pricing"."company_tiers" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pricing"."quote_preferences" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "card_read" ON "pricing"."rate_card_versions" AS PERMISSIVE FOR SELECT TO public USING ((company_id is null or (company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')));--> statement-breakpoint
CREATE POLICY "card_write" ON "pricing"."rate_card_versions" AS PERMISSIVE FOR ALL TO public USING (current_setting('app.system', true) = 'on') WITH CHECK (current_setting('app.system', true) = 'on');--> statement-breakpoint
CREATE POLICY "card_read" ON "pricing"."rate_cards" AS PERMISSIVE FOR SELECT TO public USING ((company_id is null or (company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')));--> statement-breakpoint
CREATE POLICY "card_write" ON "pricing"."rate_cards" AS PERMISSIVE FOR ALL TO public USING (current_setting('app.system', true) = 'on') WITH CHECK (current_setting('app.system', true) = 'on');--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express triggers): an approved rate-card version never changes.
-- Once a version is approved, active or retired its terms, dates, card and number are frozen, its status may only
-- move forward (approved -> active -> retired, approved -> retired), and it cannot be deleted.
CREATE OR REPLACE FUNCTION "pricing"."guard_rate_card_version"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('approved', 'active', 'retired') THEN
      RAISE EXCEPTION 'rate card version % (%) is %: approved versions are kept for ever', OLD.version, OLD.rate_card_id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('approved', 'active', 'retired') THEN
    IF NEW.terms IS DISTINCT FROM OLD.terms OR NEW.effective_from IS DISTINCT FROM OLD.effective_from OR NEW.effective_to IS DISTINCT FROM OLD.effective_to
       OR NEW.rate_card_id IS DISTINCT FROM OLD.rate_card_id OR NEW.version IS DISTINCT FROM OLD.version OR NEW.company_id IS DISTINCT FROM OLD.company_id
       OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by THEN
      RAISE EXCEPTION 'rate card version % (%) is %: its terms cannot change', OLD.version, OLD.rate_card_id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    IF NOT (NEW.status = OLD.status OR (OLD.status = 'approved' AND NEW.status IN ('active', 'retired')) OR (OLD.status = 'active' AND NEW.status = 'retired')) THEN
      RAISE EXCEPTION 'rate card version % (%) cannot go from % to %', OLD.version, OLD.rate_card_id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "rate_card_versions_guard" BEFORE UPDATE OR DELETE ON "pricing"."rate_card_versions"
FOR EACH ROW EXECUTE FUNCTION "pricing"."guard_rate_card_version"();
