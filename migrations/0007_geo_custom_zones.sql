CREATE TABLE "geo"."custom_zone_pincodes" (
	"company_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"pincode" char(6) NOT NULL,
	CONSTRAINT "custom_zone_pincodes_zone_id_pincode_pk" PRIMARY KEY("zone_id","pincode")
);
--> statement-breakpoint
ALTER TABLE "geo"."custom_zone_pincodes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "geo"."custom_zone_revisions" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"revision" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "geo"."custom_zone_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "geo"."custom_zones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"zone" char(1) NOT NULL,
	"match_scope" text NOT NULL,
	"boundary" jsonb,
	"priority" integer NOT NULL,
	"active" boolean NOT NULL,
	"pincode_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "geo"."custom_zones" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "geo"."custom_zone_pincodes" ADD CONSTRAINT "custom_zone_pincodes_zone_id_custom_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "geo"."custom_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_zone_pincodes_lookup_idx" ON "geo"."custom_zone_pincodes" USING btree ("company_id","pincode","zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_zones_company_name_uq" ON "geo"."custom_zones" USING btree ("company_id",lower("name"));--> statement-breakpoint
CREATE INDEX "custom_zones_company_priority_idx" ON "geo"."custom_zones" USING btree ("company_id","priority","id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "geo"."custom_zone_pincodes" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "geo"."custom_zone_revisions" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "geo"."custom_zones" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));