// Quiet, deterministic defaults for every suite; per-suite isolation comes from the test harness.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
process.env.OUTBOX_RELAY_AUTOSTART = process.env.OUTBOX_RELAY_AUTOSTART || 'false';
process.env.SCHEDULES_ENABLED = process.env.SCHEDULES_ENABLED || 'false';
process.env.LOCAL_SMTP_PORT = '0';
require('reflect-metadata');
