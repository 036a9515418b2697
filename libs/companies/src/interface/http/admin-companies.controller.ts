import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Page, pageLimit, PlatformAdminOnly, Principal, toPage } from '@shipcrowd/platform';
import { ReviewAction, ReviewCompany } from '../../application/commands/review-company/review-company.command';
import type { CompanyView } from '../../application/queries/company-view';
import { GetCompany } from '../../application/queries/get-company/get-company.query';
import { CompanySummary, ListCompanies } from '../../application/queries/list-companies/list-companies.query';
import { CompanyPageDto, ListCompaniesQueryDto } from './dto/admin.dto';
import { CompanyDto, ReasonDto } from './dto/company.dto';
import { idCursor, UuidOr404 } from './http-helpers';

/** Shipcrowd staff: KYC review and standing. Runs in system scope; every transition is audited. */
@ApiTags('admin')
@Controller('v1/admin/companies')
@PlatformAdminOnly()
export class AdminCompaniesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List companies (newest first), filtered by status or searched by name or GSTIN' })
  @ApiOkResponse({ type: CompanyPageDto })
  async listCompanies(@CurrentPrincipal() principal: Principal, @Query() query: ListCompaniesQueryDto): Promise<Page<CompanySummary>> {
    const limit = pageLimit(query);
    const rows = await this.queries.execute<ListCompanies, CompanySummary[]>(new ListCompanies(principal.userId, { status: query.status, q: query.q?.trim() || undefined, cursor: idCursor(query.cursor), limit }));
    return toPage(rows, limit, (r) => ({ id: r.id }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one company' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(404)
  getCompany(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('company')) id: string): Promise<CompanyView> {
    return this.queries.execute(new GetCompany(id, { userId: principal.userId, admin: true }));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve KYC (kyc_submitted → approved)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(404, 409)
  approveCompany(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('company')) id: string): Promise<CompanyView> {
    return this.review(principal, id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject KYC with a reason (kyc_submitted → rejected; the seller may resubmit)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(404, 409)
  rejectCompany(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('company')) id: string, @Body() body: ReasonDto): Promise<CompanyView> {
    return this.review(principal, id, 'reject', body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend an approved company with a reason' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(404, 409)
  suspendCompany(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('company')) id: string, @Body() body: ReasonDto): Promise<CompanyView> {
    return this.review(principal, id, 'suspend', body.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate a suspended company (suspended → approved)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(404, 409)
  reinstateCompany(@CurrentPrincipal() principal: Principal, @Param('id', new UuidOr404('company')) id: string): Promise<CompanyView> {
    return this.review(principal, id, 'reinstate');
  }

  private async review(principal: Principal, id: string, action: ReviewAction, reason?: string): Promise<CompanyView> {
    await this.commands.execute(new ReviewCompany({ userId: principal.userId }, id, action, reason));
    return this.queries.execute(new GetCompany(id, { userId: principal.userId, admin: true }));
  }
}
