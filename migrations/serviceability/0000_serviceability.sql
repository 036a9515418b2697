CREATE SCHEMA "serviceability";
--> statement-breakpoint
CREATE TABLE "serviceability"."blocklist" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"pincode" char(6) NOT NULL,
	"courier" text,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "serviceability"."blocklist" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "serviceability"."coverage" (
	"courier" text NOT NULL,
	"service" text NOT NULL,
	"pincode" char(6) NOT NULL,
	"prepaid" boolean NOT NULL,
	"cod" boolean NOT NULL,
	"pickup" boolean NOT NULL,
	"reverse" boolean NOT NULL,
	"oda" boolean NOT NULL,
	"max_weight_grams" integer,
	"max_cod_paise" bigint,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_pk" PRIMARY KEY("pincode","courier","service")
);
--> statement-breakpoint
CREATE TABLE "serviceability"."sync_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"courier" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"fetched" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "serviceability"."transit_times" (
	"courier" text NOT NULL,
	"service" text NOT NULL,
	"zone" char(1) NOT NULL,
	"days" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "transit_times_pk" PRIMARY KEY("zone","courier","service")
);
--> statement-breakpoint
CREATE TABLE "serviceability"."upload_rows" (
	"upload_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"courier" text NOT NULL,
	"service" text NOT NULL,
	"pincode" char(6) NOT NULL,
	"prepaid" boolean NOT NULL,
	"cod" boolean NOT NULL,
	"pickup" boolean NOT NULL,
	"reverse" boolean NOT NULL,
	"oda" boolean NOT NULL,
	"max_weight_grams" integer,
	"max_cod_paise" bigint,
	CONSTRAINT "upload_rows_pk" PRIMARY KEY("upload_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "serviceability"."uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"file_key" text NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lanes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "blocklist_company_pincode_courier_uq" ON "serviceability"."blocklist" USING btree ("company_id","pincode",coalesce("courier", ''));--> statement-breakpoint
CREATE INDEX "coverage_courier_service_idx" ON "serviceability"."coverage" USING btree ("courier","service");--> statement-breakpoint
CREATE INDEX "sync_runs_started_idx" ON "serviceability"."sync_runs" USING btree ("started_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "serviceability"."blocklist" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));