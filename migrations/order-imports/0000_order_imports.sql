CREATE SCHEMA "order-imports";
--> statement-breakpoint
CREATE TABLE "order-imports"."import_errors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"field" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"order_number" text,
	"original" jsonb
);
--> statement-breakpoint
ALTER TABLE "order-imports"."import_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "order-imports"."imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"file_key" text NOT NULL,
	"file_size" integer NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"header" jsonb,
	"total_rows" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"orders_created" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"rollback" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"validated_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"rolled_back_at" timestamp with time zone,
	"rolled_back_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order-imports"."imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "import_errors_import_line_idx" ON "order-imports"."import_errors" USING btree ("import_id","line");--> statement-breakpoint
CREATE INDEX "imports_company_created_idx" ON "order-imports"."imports" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "order-imports"."import_errors" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "order-imports"."imports" AS PERMISSIVE FOR ALL TO public USING ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on')) WITH CHECK ((company_id = nullif(current_setting('app.company_id', true), '')::uuid or current_setting('app.system', true) = 'on'));