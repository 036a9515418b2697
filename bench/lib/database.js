'use strict';
// A throw-away PostgreSQL database on the local server: created for one bench run, dropped after it.
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates `bench_<tag>_<random>` on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Returns its URL and `drop()`, which is safe to call twice and ends lingering connections first.
 */
async function createThrowawayDatabase(tag = 'run') {
  const serverUrl = process.env.BENCH_PG_URL || DEFAULT_SERVER_URL;
  const name = `bench_${tag.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withAdmin(serverUrl, work) {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

module.exports = { createThrowawayDatabase };
