CREATE SCHEMA "geo";
--> statement-breakpoint
CREATE TABLE "geo"."pincodes" (
	"pincode" char(6) PRIMARY KEY NOT NULL,
	"place" text NOT NULL,
	"places" text[] NOT NULL,
	"place_count" integer NOT NULL,
	"district" text NOT NULL,
	"state" text NOT NULL,
	"gst_state_code" char(2) NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geo"."zone_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"entries" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pincodes_search_trgm_idx" ON "geo"."pincodes" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "pincodes_district_idx" ON "geo"."pincodes" USING btree ("district");--> statement-breakpoint
CREATE UNIQUE INDEX "zone_lists_kind_version_uq" ON "geo"."zone_lists" USING btree ("kind","version");