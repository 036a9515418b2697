import 'reflect-metadata';
import 'dotenv/config';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { GrantPlatformAdmin } from '@shipcrowd/identity';
import { loadConfig } from '@shipcrowd/platform';
import { rootModule } from './root';

/**
 * `npm run admin:grant -- <email>`: makes an existing, registered user Shipcrowd staff (platform admin).
 * There is deliberately no HTTP route for this; the grant is recorded in the audit log.
 */
async function main(): Promise<void> {
  const email = process.argv[2];
  if (!email || !email.includes('@')) throw new Error('usage: npm run admin:grant -- <email of a registered user>');
  loadConfig();
  const app = await NestFactory.createApplicationContext(rootModule({ api: true, worker: false }), { logger: false, abortOnError: false });
  try {
    const { userId } = await app.get(CommandBus).execute(new GrantPlatformAdmin(email));
    process.stdout.write(`${email} (user ${userId}) is now a platform admin; it takes effect at their next sign-in\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`admin:grant failed: ${error.message}\n`);
  process.exit(1);
});
