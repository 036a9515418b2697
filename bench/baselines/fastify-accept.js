'use strict';
/**
 * The baseline for webhook ingest: a bare Fastify server with one POST route that parses the JSON body and
 * answers 202, and nothing else (no signature check, no queue, no rate limit, no hooks). SIGTERM ends it at once:
 * it holds nothing worth draining.
 *
 * Configured by environment: PORT, ROUTE (default /courier-webhooks/:courier). GET /health answers
 * { status, received } so a bench can check that every body it sent arrived.
 */
const Fastify = require('fastify');

let received = 0;
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok', received }));
app.post(process.env.ROUTE || '/courier-webhooks/:courier', async (request, reply) => {
  if (typeof request.body !== 'object' || request.body === null) return reply.code(422).send({ code: 'malformed' });
  received += 1;
  return reply.code(202).send({ accepted: 1 });
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error) => {
  process.stderr.write(`baseline failed: ${error.stack || error}\n`);
  process.exit(1);
});
