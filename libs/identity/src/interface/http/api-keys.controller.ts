import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, companyOf, CurrentPrincipal, Principal, RequirePermissions } from '@shipcrowd/platform';
import { CreateApiKey } from '../../application/commands/create-api-key/create-api-key.command';
import { RevokeApiKey } from '../../application/commands/revoke-api-key/revoke-api-key.command';
import { ListApiKeys } from '../../application/queries/list-api-keys/list-api-keys.query';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto, IdParam } from './me.dto';

@ApiTags('me')
@Controller('v1/me/api-keys')
@RequirePermissions('api_keys.manage')
export class ApiKeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a server-to-server API key for the current company (the secret is shown once)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createApiKey(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto) {
    return this.commands.execute(new CreateApiKey(principal, body));
  }

  @Get()
  @ApiOperation({ summary: 'The company\'s API keys (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async listApiKeys(@CurrentPrincipal() principal: Principal) {
    return { items: await this.queries.execute(new ListApiKeys(companyOf(principal))) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(404)
  async revokeApiKey(@CurrentPrincipal() principal: Principal, @Param() params: IdParam) {
    await this.commands.execute(new RevokeApiKey(principal, params.id));
  }
}
