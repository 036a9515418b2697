CREATE SCHEMA "shipping";
--> statement-breakpoint
CREATE TABLE "shipping"."manifests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"manifest_number" text NOT NULL,
	"courier" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"pickup_id" uuid,
	"shipment_ids" jsonb NOT NULL,
	"shipment_count" integer NOT NULL,
	"cod_total_paise" bigint NOT NULL,
	"document_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."manifests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shipping"."pickups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"courier" text NOT NULL,
	"pickup_date" text NOT NULL,
	"pickup_time" text NOT NULL,
	"slot_reason" text NOT NULL,
	"courier_pickup_id" text NOT NULL,
	"shipment_ids" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."pickups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shipping"."shipment_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"shipment_id" uuid NOT NULL,
	"awb" text NOT NULL,
	"status" text NOT NULL,
	"raw_code" text NOT NULL,
	"raw_status" text NOT NULL,
	"location" text,
	"remarks" text,
	"ndr_reason" text,
	"charged_weight_grams" integer,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."shipment_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shipping"."shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"courier" text NOT NULL,
	"service" text NOT NULL,
	"awb" text,
	"child_awbs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"sort_code" text,
	"payment_mode" text NOT NULL,
	"cod_amount_paise" bigint NOT NULL,
	"declared_value_paise" bigint NOT NULL,
	"dead_weight_grams" integer NOT NULL,
	"volumetric_weight_grams" integer NOT NULL,
	"chargeable_weight_grams" integer NOT NULL,
	"booking" jsonb NOT NULL,
	"charges" jsonb,
	"expected_delivery_date" text,
	"failure" jsonb,
	"cancel_reason" text,
	"pickup_id" uuid,
	"manifest_id" uuid,
	"last_event_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone,
	"poll_failures" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."shipments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "manifests_company_number_uq" ON "shipping"."manifests" USING btree ("company_id","manifest_number");--> statement-breakpoint
CREATE INDEX "manifests_company_created_idx" ON "shipping"."manifests" USING btree ("company_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pickups_company_created_idx" ON "shipping"."pickups" USING btree ("company_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_events_dedupe_uq" ON "shipping"."shipment_events" USING btree ("shipment_id","awb","raw_code","occurred_at");--> statement-breakpoint
CREATE INDEX "shipment_events_timeline_idx" ON "shipping"."shipment_events" USING btree ("shipment_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_live_order_uq" ON "shipping"."shipments" USING btree ("order_id") WHERE status not in ('cancelled', 'booking_failed');--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_courier_awb_uq" ON "shipping"."shipments" USING btree ("courier","awb") WHERE awb is not null;--> statement-breakpoint
CREATE INDEX "shipments_awb_idx" ON "shipping"."shipments" USING btree ("awb") WHERE awb is not null;--> statement-breakpoint
CREATE INDEX "shipments_company_reference_idx" ON "shipping"."shipments" USING btree ("company_id","reference");--> statement-breakpoint
CREATE INDEX "shipments_company_created_idx" ON "shipping"."shipments" USING btree ("company_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "shipments_company_status_idx" ON "shipping"."shipments" USING btree ("company_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "shipments_company_awaiting_pickup_idx" ON "shipping"."shipments" USING btree ("company_id","warehouse_id","courier") WHERE pickup_id is null and status in ('booked', 'manifested');--> statement-breakpoint
CREATE INDEX "shipments_next_poll_idx" ON "shipping"."shipments" USING btree ("next_poll_at") WHERE next_poll_at is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."manifests" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."pickups" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."shipment_events" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."shipments" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));