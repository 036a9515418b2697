DROP INDEX "orders"."orders_company_payment_idx";--> statement-breakpoint
DROP INDEX "orders"."orders_company_number_prefix_idx";--> statement-breakpoint
DROP INDEX "orders"."orders_company_number_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "orders_company_number_uq" ON "orders"."orders" USING btree ("company_id","order_number" text_pattern_ops);