// Quiet, deterministic defaults for every suite; per-suite isolation comes from the test harness.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
process.env.OUTBOX_RELAY_AUTOSTART = process.env.OUTBOX_RELAY_AUTOSTART || 'false';
process.env.SCHEDULES_ENABLED = process.env.SCHEDULES_ENABLED || 'false';
process.env.LOCAL_SMTP_PORT = '0';
// One Jest process runs every suite in band on a shared 2-core machine: a test app's first Redis/PostgreSQL round
// trip can wait behind a long GC pause or another suite's teardown. Give start-up checks more room than production.
process.env.STARTUP_TIMEOUT_MS = process.env.STARTUP_TIMEOUT_MS || '30000';
require('reflect-metadata');
