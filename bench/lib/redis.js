'use strict';
// A unique key prefix per bench run (queues, rate limits), and removal of everything under it afterwards.
const { randomBytes } = require('node:crypto');
const Redis = require('ioredis');

function uniquePrefix(tag = 'bench') {
  return `${tag}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key that starts with `prefix` (SCAN, never KEYS); returns how many were removed. */
async function deleteKeysWithPrefix(prefix, redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379') {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

module.exports = { uniquePrefix, deleteKeysWithPrefix };
