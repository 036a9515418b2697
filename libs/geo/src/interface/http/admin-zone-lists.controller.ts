import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PlatformAdminOnly, Principal, ProblemException } from '@shipcrowd/platform';
import { PublishZoneList, ZoneListInput } from '../../application/commands/publish-zone-list/publish-zone-list.command';
import { ListZoneLists } from '../../application/queries/list-zone-lists/list-zone-lists.query';
import type { ZoneListRow } from '../../infrastructure/persistence/geo-store';
import { PublishZoneListDto, ZoneListDto, ZoneListsDto } from './geo.dto';

/** Shipcrowd staff: the versioned metro and special-region lists the zone engine uses. */
@ApiTags('geo')
@Controller('v1/admin/zone-lists')
@PlatformAdminOnly()
export class AdminZoneListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List every version of the metro and special-region lists (active flag marks the one in use)' })
  @ApiOkResponse({ type: ZoneListsDto })
  async listZoneLists(): Promise<{ items: ZoneListRow[] }> {
    return { items: await this.queries.execute(new ListZoneLists()) };
  }

  @Post()
  @ApiOperation({ summary: 'Publish a new version of a list; it becomes active at once (audited)' })
  @ApiCreatedResponse({ type: ZoneListDto })
  publishZoneList(@CurrentPrincipal() principal: Principal, @Body() body: PublishZoneListDto): Promise<ZoneListRow> {
    return this.commands.execute(new PublishZoneList(shapeOf(body), principal.userId));
  }
}

function shapeOf(body: PublishZoneListDto): ZoneListInput {
  const bad = (field: string, message: string) =>
    new ProblemException(422, 'validation.failed', 'The list entries are malformed', { errors: [{ field, message, code: 'geo.invalid_entry' }] });
  if (body.kind === 'special') {
    body.entries.forEach((e, i) => {
      if (typeof e !== 'string') throw bad(`entries[${i}]`, 'must be a GST state code string');
    });
    return { kind: 'special', entries: body.entries as string[] };
  }
  body.entries.forEach((e, i) => {
    const m = e as { city?: unknown; districts?: unknown };
    if (typeof m !== 'object' || m === null || typeof m.city !== 'string' || !Array.isArray(m.districts) || !m.districts.every((d) => typeof d === 'string')) {
      throw bad(`entries[${i}]`, 'must be {city: string, districts: string[]}');
    }
  });
  return { kind: 'metro', entries: body.entries as { city: string; districts: string[] }[] };
}
