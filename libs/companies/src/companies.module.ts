import { Global, Module } from '@nestjs/common';
import { COMPANIES_FACADE } from '../contracts';
import { AcceptInvitationHandler } from './application/commands/accept-invitation/accept-invitation.handler';
import { ChangeMemberRoleHandler } from './application/commands/change-member-role/change-member-role.handler';
import { CreateCompanyWithOwnerHandler } from './application/commands/create-company-with-owner/create-company-with-owner.handler';
import { CreateCustomRoleHandler, DeleteCustomRoleHandler, UpdateCustomRoleHandler } from './application/commands/custom-roles/custom-roles.handlers';
import { InviteMemberHandler } from './application/commands/invite-member/invite-member.handler';
import { PurgeScheduledCompanyDeletionsHandler } from './application/commands/purge-scheduled-company-deletions/purge-scheduled-company-deletions.handler';
import { RemoveMemberHandler } from './application/commands/remove-member/remove-member.handler';
import { ReviewCompanyHandler } from './application/commands/review-company/review-company.handler';
import { RevokeInvitationHandler } from './application/commands/revoke-invitation/revoke-invitation.handler';
import { CancelCompanyDeletionHandler, ScheduleCompanyDeletionHandler } from './application/commands/schedule-company-deletion/schedule-company-deletion.handler';
import { SetBillingDetailsHandler } from './application/commands/set-billing-details/set-billing-details.handler';
import { SetBrandingHandler } from './application/commands/set-branding/set-branding.handler';
import { DeactivateMemberHandler, ReactivateMemberHandler } from './application/commands/set-member-status/set-member-status.handler';
import { SubmitKycHandler } from './application/commands/submit-kyc/submit-kyc.handler';
import { UpdateCompanyProfileHandler } from './application/commands/update-company-profile/update-company-profile.handler';
import { UploadCompanyLogoHandler } from './application/commands/upload-company-logo/upload-company-logo.handler';
import { CompaniesAudit } from './application/companies-audit';
import { CompaniesFacadeImpl } from './application/companies.facade';
import { ImageInspector } from './application/ports/image-inspector.port';
import { TenantScopes } from './application/ports/tenant-scopes.port';
import { GetCompanyHandler } from './application/queries/get-company/get-company.handler';
import { ListCompaniesHandler } from './application/queries/list-companies/list-companies.handler';
import { ListInvitationsHandler } from './application/queries/list-invitations/list-invitations.handler';
import { ListMembersHandler } from './application/queries/list-members/list-members.handler';
import { ListRolesHandler } from './application/queries/list-roles/list-roles.handler';
import { MembershipsOfHandler } from './application/queries/memberships-of/memberships-of.handler';
import { RoleCatalogue } from './application/role-catalogue';
import { SessionRevoker } from './application/session-revoker';
import { CompanyRepository, CustomRoleRepository, InvitationRepository, MembershipRepository } from './domain/repositories';
import { ImageSizeInspector } from './infrastructure/adapters/image-size-inspector';
import { DrizzleCompanyRepository, DrizzleCustomRoleRepository, DrizzleInvitationRepository, DrizzleMembershipRepository } from './infrastructure/persistence/companies.repositories';
import { TenantScopeSwitch } from './infrastructure/persistence/tenant-scope-switch';

const handlers = [
  CreateCompanyWithOwnerHandler,
  AcceptInvitationHandler,
  UpdateCompanyProfileHandler,
  SetBillingDetailsHandler,
  SetBrandingHandler,
  UploadCompanyLogoHandler,
  SubmitKycHandler,
  ReviewCompanyHandler,
  ScheduleCompanyDeletionHandler,
  CancelCompanyDeletionHandler,
  PurgeScheduledCompanyDeletionsHandler,
  ChangeMemberRoleHandler,
  DeactivateMemberHandler,
  ReactivateMemberHandler,
  RemoveMemberHandler,
  InviteMemberHandler,
  RevokeInvitationHandler,
  CreateCustomRoleHandler,
  UpdateCustomRoleHandler,
  DeleteCustomRoleHandler,
  GetCompanyHandler,
  ListCompaniesHandler,
  ListMembersHandler,
  ListInvitationsHandler,
  ListRolesHandler,
  MembershipsOfHandler,
];

/**
 * The companies context: command and query handlers (reached through the CommandBus/QueryBus) and
 * COMPANIES_FACADE for other contexts. Needs the platform, FILE_STORAGE (StorageModule), AUDIT_TRAIL
 * and, for session revocation, IDENTITY_FACADE.
 */
@Global()
@Module({
  providers: [
    ...handlers,
    CompaniesAudit,
    RoleCatalogue,
    SessionRevoker,
    { provide: TenantScopes, useClass: TenantScopeSwitch },
    { provide: ImageInspector, useClass: ImageSizeInspector },
    { provide: CompanyRepository, useClass: DrizzleCompanyRepository },
    { provide: MembershipRepository, useClass: DrizzleMembershipRepository },
    { provide: InvitationRepository, useClass: DrizzleInvitationRepository },
    { provide: CustomRoleRepository, useClass: DrizzleCustomRoleRepository },
    { provide: COMPANIES_FACADE, useClass: CompaniesFacadeImpl },
  ],
  exports: [COMPANIES_FACADE],
})
export class CompaniesModule {}
