import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` diffs every context's schema against the committed migrations and writes new SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./libs/*/src/**/*.schema.ts'],
  out: './migrations',
  schemaFilter: ['platform', 'identity', 'companies', 'audit', 'geo'],
  entities: { roles: false },
  strict: false,
  verbose: false,
});
