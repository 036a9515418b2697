ALTER TABLE "shipping"."shipments" ADD COLUMN "expected_transit_days" integer;--> statement-breakpoint
ALTER TABLE "shipping"."shipments" ADD COLUMN "booking_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shipping"."shipments" ADD COLUMN "next_booking_check_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "shipments_in_flight_booking_idx" ON "shipping"."shipments" USING btree ("status_at") WHERE status = 'booking';