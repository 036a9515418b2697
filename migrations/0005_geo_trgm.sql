-- Trigram search for the geo pincode directory (PGlite loads the pg_trgm contrib module; PostgreSQL 13+ trusts it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
