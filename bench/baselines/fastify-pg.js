'use strict';
/**
 * The baseline benches compare Shipcrowd against: a bare Fastify server that answers one route with one
 * SQL statement through a `pg` Pool, and nothing else (no auth, no transaction, no RLS, no validation).
 *
 * Configured by environment: PORT, DATABASE_URL, POOL_MAX (default 10), ROUTE (default /), SQL, PARAMS
 * (JSON array), PROCESSES (default 1: with more, that many node:cluster processes share PORT, as the API does
 * under API_PROCESSES). Answers the first row as JSON (404 when none) and GET /health for readiness.
 */
const cluster = require('node:cluster');
const Fastify = require('fastify');
const { Pool } = require('pg');

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX || 10) });
  const text = process.env.SQL;
  const values = JSON.parse(process.env.PARAMS || '[]');
  if (!text) throw new Error('SQL is required');

  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get(process.env.ROUTE || '/', async (_request, reply) => {
    const { rows } = await pool.query({ name: 'baseline', text, values });
    if (!rows.length) return reply.code(404).send({ code: 'not_found' });
    return rows[0];
  });

  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

function supervise(processes) {
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      process.stderr.write(`baseline process ${worker.process.pid} exited with ${code}\n`);
      process.exit(1);
    }
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers).length === 0 && process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

const processes = Number(process.env.PROCESSES || 1);
if (processes > 1 && cluster.isPrimary) supervise(processes);
else main().catch((error) => {
  process.stderr.write(`baseline failed: ${error.stack || error}\n`);
  process.exit(1);
});
