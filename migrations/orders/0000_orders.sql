CREATE SCHEMA "orders";
--> statement-breakpoint
CREATE TABLE "orders"."order_number_counters" (
	"company_id" uuid NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."order_number_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders"."order_settings" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"modification_window_minutes" integer NOT NULL,
	"duplicate_mode" text NOT NULL,
	"duplicate_window_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "orders"."order_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders"."order_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."order_status_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"channel" text NOT NULL,
	"channel_order_id" text,
	"order_date" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"payment_mode" text NOT NULL,
	"status" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_phone" text NOT NULL,
	"buyer_email" text,
	"buyer_company_name" text,
	"buyer_gstin" text,
	"shipping_address" jsonb NOT NULL,
	"billing_address" jsonb,
	"destination_pincode" text NOT NULL,
	"destination_state" text NOT NULL,
	"items" jsonb NOT NULL,
	"packages" jsonb NOT NULL,
	"total_weight_grams" integer NOT NULL,
	"items_paise" bigint NOT NULL,
	"discount_paise" bigint NOT NULL,
	"order_discount_paise" bigint NOT NULL,
	"shipping_paise" bigint NOT NULL,
	"tax_paise" bigint NOT NULL,
	"total_paise" bigint NOT NULL,
	"cod_amount_paise" bigint NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"requested_warehouse_id" uuid,
	"routing_rule_id" uuid,
	"routing" jsonb NOT NULL,
	"courier_preference" jsonb NOT NULL,
	"tags" text[] NOT NULL,
	"notes" text,
	"fragile" boolean NOT NULL,
	"liquid" boolean NOT NULL,
	"dangerous_goods" boolean NOT NULL,
	"insured" boolean NOT NULL,
	"declared_value_paise" bigint,
	"b2b" jsonb,
	"freight_mode" text NOT NULL,
	"heavy_freight" boolean NOT NULL,
	"box_count" integer NOT NULL,
	"appointment_delivery" boolean NOT NULL,
	"address_quality" jsonb,
	"address_score" integer,
	"awb" text,
	"duplicate_of" uuid,
	"duplicate_fingerprint" text NOT NULL,
	"import_id" uuid,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(order_number, '') || ' ' || coalesce(buyer_name, '') || ' ' || coalesce(buyer_phone, '') || ' ' || coalesce(buyer_email, '') || ' ' || coalesce(awb, ''))) STORED
);
--> statement-breakpoint
ALTER TABLE "orders"."orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders"."routing_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"conditions" jsonb NOT NULL,
	"warehouse_id" uuid,
	"courier_preference" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders"."routing_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "order_number_counters_uq" ON "orders"."order_number_counters" USING btree ("company_id","day");--> statement-breakpoint
CREATE INDEX "order_status_history_order_idx" ON "orders"."order_status_history" USING btree ("company_id","order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_company_number_uq" ON "orders"."orders" USING btree ("company_id","order_number");--> statement-breakpoint
CREATE INDEX "orders_company_created_idx" ON "orders"."orders" USING btree ("company_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_status_idx" ON "orders"."orders" USING btree ("company_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_payment_idx" ON "orders"."orders" USING btree ("company_id","payment_mode","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_warehouse_idx" ON "orders"."orders" USING btree ("company_id","warehouse_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_company_channel_idx" ON "orders"."orders" USING btree ("company_id","channel","channel_order_id");--> statement-breakpoint
CREATE INDEX "orders_company_duplicate_of_idx" ON "orders"."orders" USING btree ("company_id","duplicate_of") WHERE duplicate_of is not null;--> statement-breakpoint
CREATE INDEX "orders_company_fingerprint_idx" ON "orders"."orders" USING btree ("company_id","duplicate_fingerprint","created_at");--> statement-breakpoint
CREATE INDEX "orders_company_import_idx" ON "orders"."orders" USING btree ("company_id","import_id") WHERE import_id is not null;--> statement-breakpoint
CREATE INDEX "orders_tags_gin" ON "orders"."orders" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "orders_search_gin" ON "orders"."orders" USING gin ("search");--> statement-breakpoint
CREATE INDEX "orders_company_phone_prefix_idx" ON "orders"."orders" USING btree ("company_id","buyer_phone" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_company_number_prefix_idx" ON "orders"."orders" USING btree ("company_id","order_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_company_awb_idx" ON "orders"."orders" USING btree ("company_id","awb") WHERE awb is not null;--> statement-breakpoint
CREATE INDEX "routing_rules_company_position_idx" ON "orders"."routing_rules" USING btree ("company_id","position");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders"."order_number_counters" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders"."order_settings" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders"."order_status_history" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders"."orders" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders"."routing_rules" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));