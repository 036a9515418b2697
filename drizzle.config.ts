import { defineConfig } from 'drizzle-kit';

/**
 * Migration streams (ADR 0011). The first contexts share the core stream in ./migrations; every context
 * added later owns ./migrations/<context>, with its own journal, so contexts evolve their schemas without
 * touching each other's snapshots. `npm run db:generate -- <context> <name>` sets DRIZZLE_CONTEXT.
 */
const CORE_CONTEXTS = ['platform', 'identity', 'companies', 'audit', 'geo'];
const context = process.env.DRIZZLE_CONTEXT ?? 'core';
const isCore = context === 'core' || CORE_CONTEXTS.includes(context);

export default defineConfig({
  dialect: 'postgresql',
  schema: isCore ? CORE_CONTEXTS.map((c) => `./libs/${c}/src/**/*.schema.ts`) : [`./libs/${context}/src/**/*.schema.ts`],
  out: isCore ? './migrations' : `./migrations/${context}`,
  schemaFilter: isCore ? CORE_CONTEXTS : [context],
  entities: { roles: false },
  strict: false,
  verbose: false,
});
