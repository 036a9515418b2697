CREATE TABLE "shipping"."shipment_batch_items" (
	"batch_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"shipment_id" uuid,
	"awb" text,
	"courier" text,
	"service" text,
	"failure" jsonb,
	"attempted_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "shipment_batch_items_pk" PRIMARY KEY("batch_id","position")
);
--> statement-breakpoint
ALTER TABLE "shipping"."shipment_batch_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shipping"."shipment_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"courier" text,
	"service" text,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."shipment_batches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_batch_items_order_uq" ON "shipping"."shipment_batch_items" USING btree ("batch_id","order_id");--> statement-breakpoint
CREATE INDEX "shipment_batches_company_created_idx" ON "shipping"."shipment_batches" USING btree ("company_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."shipment_batch_items" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."shipment_batches" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));