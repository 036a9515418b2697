CREATE TABLE "shipping"."weight_discrepancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"shipment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"courier" text NOT NULL,
	"awb" text NOT NULL,
	"dead_weight_grams" integer NOT NULL,
	"volumetric_weight_grams" integer NOT NULL,
	"chargeable_weight_grams" integer NOT NULL,
	"charged_weight_grams" integer NOT NULL,
	"charged_reported_at" timestamp with time zone NOT NULL,
	"extra_slabs" integer NOT NULL,
	"extra_charge_paise" bigint,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"evidence" jsonb,
	"disputed_at" timestamp with time zone,
	"disputed_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution_note" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipping"."weight_discrepancies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "weight_discrepancies_shipment_uq" ON "shipping"."weight_discrepancies" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "weight_discrepancies_company_opened_idx" ON "shipping"."weight_discrepancies" USING btree ("company_id","opened_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "weight_discrepancies_status_opened_idx" ON "shipping"."weight_discrepancies" USING btree ("status","opened_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "weight_discrepancies_open_deadline_idx" ON "shipping"."weight_discrepancies" USING btree ("deadline_at") WHERE status = 'open';--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "shipping"."weight_discrepancies" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));