CREATE SCHEMA "warehouses";
--> statement-breakpoint
CREATE TABLE "warehouses"."warehouses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"landmark" text,
	"pincode" text NOT NULL,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"gst_state_code" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"gstin" text,
	"operating_hours" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"first_used_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warehouses"."warehouses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_company_code_uq" ON "warehouses"."warehouses" USING btree ("company_id","code") WHERE deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_company_default_uq" ON "warehouses"."warehouses" USING btree ("company_id") WHERE is_default and deleted_at is null;--> statement-breakpoint
CREATE INDEX "warehouses_company_created_idx" ON "warehouses"."warehouses" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "warehouses"."warehouses" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));