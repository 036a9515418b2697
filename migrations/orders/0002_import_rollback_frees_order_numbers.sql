CREATE SEQUENCE "orders"."order_number_releases" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
DROP INDEX "orders"."orders_company_number_uq";--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "number_release" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_company_number_uq" ON "orders"."orders" USING btree ("company_id","order_number" text_pattern_ops,"number_release");