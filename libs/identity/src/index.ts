export { IdentityModule } from './identity.module';
export { GrantPlatformAdmin } from './application/commands/grant-platform-admin/grant-platform-admin.command';
export { PurgeDeletedAccounts } from './application/commands/purge-deleted-accounts/purge-deleted-accounts.command';
export { IdentityJobsModule } from './interface/jobs/identity-jobs.module';
