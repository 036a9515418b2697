CREATE SCHEMA "couriers";
--> statement-breakpoint
CREATE TABLE "couriers"."courier_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid,
	"courier" text NOT NULL,
	"sealed" text NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "couriers"."courier_credentials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "courier_credentials_owner_courier_uq" ON "couriers"."courier_credentials" USING btree (coalesce("company_id", '00000000-0000-0000-0000-000000000000'::uuid),"courier");--> statement-breakpoint
CREATE INDEX "courier_credentials_key_idx" ON "couriers"."courier_credentials" USING btree ("key_id");--> statement-breakpoint
CREATE POLICY "credentials_read" ON "couriers"."courier_credentials" AS PERMISSIVE FOR SELECT TO public USING ((company_id is null or (company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')));--> statement-breakpoint
CREATE POLICY "credentials_write" ON "couriers"."courier_credentials" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));