// Writes the OpenAPI document the API serves at /docs/openapi.json to .data/openapi.json (for linting and clients).
// Builds the real application on a throw-away in-memory PGlite; needs Redis like the API does.
require('reflect-metadata');
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');

async function main() {
  process.env.LOG_LEVEL = 'silent';
  process.env.OUTBOX_RELAY_AUTOSTART = 'false';
  process.env.LOCAL_SMTP_PORT = '0';
  const { createHttpApp, buildOpenApiDocument } = require(path.join(dist, 'libs/platform/src'));
  const { rootModule } = require(path.join(dist, 'apps/api/root'));
  const app = await createHttpApp(rootModule({ api: true, worker: false }, { env: { PGLITE_DATA_DIR: 'memory://', DATABASE_URL: '' } }));
  const document = buildOpenApiDocument(app);
  await app.close();
  const out = path.join(__dirname, '..', '.data', 'openapi.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 2));
  process.stdout.write(`wrote ${out} (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error) => {
  process.stderr.write(`export-openapi failed: ${error.stack || error}\n`);
  process.exit(1);
});
