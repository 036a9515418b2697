import { Module } from '@nestjs/common';
import { CompaniesModule } from '../../companies.module';
import { AdminCompaniesController } from './admin-companies.controller';
import { CompanyController } from './company.controller';
import { TeamInvitationsController } from './team-invitations.controller';
import { PermissionsController, TeamRolesController } from './team-roles.controller';
import { TeamMembersController } from './team-members.controller';

/** The companies and team HTTP API (the API process imports this; the worker imports CompaniesModule only). */
@Module({
  imports: [CompaniesModule],
  controllers: [CompanyController, AdminCompaniesController, TeamMembersController, TeamInvitationsController, TeamRolesController, PermissionsController],
})
export class CompaniesHttpModule {}
