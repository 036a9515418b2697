import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@shipcrowd/kernel';
import { ApiProblems, CurrentPrincipal, Principal, ProblemException, RequirePermissions } from '@shipcrowd/platform';
import { SetBillingDetails } from '../../application/commands/set-billing-details/set-billing-details.command';
import { SetBranding } from '../../application/commands/set-branding/set-branding.command';
import { CancelCompanyDeletion, ScheduleCompanyDeletion } from '../../application/commands/schedule-company-deletion/schedule-company-deletion.command';
import { SubmitKyc } from '../../application/commands/submit-kyc/submit-kyc.command';
import { UpdateCompanyProfile } from '../../application/commands/update-company-profile/update-company-profile.command';
import { UploadCompanyLogo } from '../../application/commands/upload-company-logo/upload-company-logo.command';
import { LOGO_MAX_BYTES } from '../../application/commands/upload-company-logo/upload-company-logo.handler';
import type { CompanyView } from '../../application/queries/company-view';
import type { CompanyProfile } from '../../domain/company';
import { GetCompany } from '../../application/queries/get-company/get-company.query';
import { BillingDetailsDto, BrandingDto, CompanyDto, DeletionScheduledDto, ScheduleDeletionDto, UpdateCompanyProfileDto } from './dto/company.dto';
import { actorOf } from './http-helpers';

type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(options?: { limits?: { fileSize?: number } }): Promise<{ fieldname: string; toBuffer(): Promise<Buffer> } | undefined>;
};

@ApiTags('companies')
@Controller('v1/companies/current')
export class CompanyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('company.read')
  @ApiOperation({ summary: 'Get your company: profile, billing details, branding (with a signed logo link) and status' })
  @ApiOkResponse({ type: CompanyDto })
  getCurrentCompany(@CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.view(principal);
  }

  @Patch()
  @RequirePermissions('company.update')
  @ApiOperation({ summary: 'Edit the company profile (name, display name, website, support contacts, address)' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(409)
  async updateCurrentCompany(@CurrentPrincipal() principal: Principal, @Body() body: UpdateCompanyProfileDto): Promise<CompanyView> {
    const { version, address, ...rest } = body;
    const patch: Partial<CompanyProfile> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (address !== undefined) patch.address = address ? { ...address, line2: address.line2 ?? null } : null;
    await this.commands.execute(new UpdateCompanyProfile(actorOf(principal), patch, version));
    return this.view(principal);
  }

  @Put('billing')
  @RequirePermissions('company.billing.update')
  @ApiOperation({ summary: 'Set billing details (legal name, GSTIN, PAN, address)', description: 'GSTIN is checked for format, state code and check character; its state must match stateCode and its PAN the pan field.' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(409)
  async setBillingDetails(@CurrentPrincipal() principal: Principal, @Body() body: BillingDetailsDto): Promise<CompanyView> {
    await this.commands.execute(
      new SetBillingDetails(
        actorOf(principal),
        { legalName: body.legalName, gstin: body.gstin ?? null, pan: body.pan, address: { line1: body.addressLine1, line2: body.addressLine2 ?? null, city: body.city, pincode: body.pincode, stateCode: body.stateCode } },
        body.version,
      ),
    );
    return this.view(principal);
  }

  @Put('branding')
  @RequirePermissions('company.branding.update')
  @ApiOperation({ summary: 'Set brand colours (#RRGGBB, or null to clear)' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(409)
  async setBranding(@CurrentPrincipal() principal: Principal, @Body() body: BrandingDto): Promise<CompanyView> {
    await this.commands.execute(new SetBranding(actorOf(principal), body.primaryColor, body.secondaryColor, body.version));
    return this.view(principal);
  }

  @Put('logo')
  @RequirePermissions('company.branding.update')
  @ApiOperation({ summary: 'Upload the logo (multipart field `file`: PNG, JPEG or WebP, at most 1 MB, 64-1024 px per side)', description: 'Type and size are read from the bytes, not the file name.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(413, 415)
  async uploadLogo(@CurrentPrincipal() principal: Principal, @Req() request: MultipartRequest): Promise<CompanyView> {
    if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
      throw new ProblemException(415, 'request.multipart_required', 'Send the logo as multipart/form-data in a field named file.');
    }
    const part = await request.file({ limits: { fileSize: LOGO_MAX_BYTES } });
    if (!part || part.fieldname !== 'file') {
      throw new ProblemException(422, 'company.logo_missing', 'Send the logo in a multipart field named file.', { errors: [{ field: 'file', message: 'is required', code: 'required' }] });
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemException(413, 'company.logo_too_large', `The logo must be at most ${LOGO_MAX_BYTES} bytes.`);
      throw error;
    }
    try {
      await this.commands.execute(new UploadCompanyLogo(actorOf(principal), bytes));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'company.logo_unsupported_type') throw new ProblemException(415, error.code, error.message, { errors: error.details.errors });
      throw error;
    }
    return this.view(principal);
  }

  @Post('kyc-submission')
  @HttpCode(200)
  @RequirePermissions('company.kyc.submit')
  @ApiOperation({ summary: 'Submit the company for KYC review (needs billing details)', description: 'pending_kyc or rejected → kyc_submitted.' })
  @ApiOkResponse({ type: CompanyDto })
  @ApiProblems(409)
  async submitKyc(@CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    await this.commands.execute(new SubmitKyc(actorOf(principal)));
    return this.view(principal);
  }

  @Post('deletion')
  @HttpCode(200)
  @RequirePermissions('company.delete')
  @ApiOperation({ summary: 'Schedule deletion of the company after the grace period (COMPANY_DELETION_GRACE_DAYS)', description: 'Owners only. Type the company name to confirm; cancel any time before it runs.' })
  @ApiOkResponse({ type: DeletionScheduledDto })
  @ApiProblems(409)
  async scheduleDeletion(@CurrentPrincipal() principal: Principal, @Body() body: ScheduleDeletionDto): Promise<DeletionScheduledDto> {
    const { deletionScheduledFor } = await this.commands.execute<ScheduleCompanyDeletion, { deletionScheduledFor: Date }>(new ScheduleCompanyDeletion(actorOf(principal), body.confirmName));
    return { deletionScheduledFor: deletionScheduledFor.toISOString() };
  }

  @Delete('deletion')
  @HttpCode(204)
  @RequirePermissions('company.delete')
  @ApiOperation({ summary: 'Cancel a scheduled deletion' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiProblems(409)
  async cancelDeletion(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new CancelCompanyDeletion(actorOf(principal)));
  }

  private view(principal: Principal): Promise<CompanyView> {
    const { companyId, userId } = actorOf(principal);
    return this.queries.execute(new GetCompany(companyId, { userId, admin: false }));
  }
}
