import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@shipcrowd/platform';
import { AssessAddresses } from '../../application/queries/assess-addresses/assess-addresses.query';
import type { AddressAssessment } from '../../domain/address-quality';
import { AddressAssessmentDto, ValidateAddressDto } from './addresses.dto';

@ApiTags('addresses')
@Controller('v1/addresses')
@Authenticated()
export class AddressesController {
  constructor(private readonly queries: QueryBus) {}

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Score a delivery address (0-100, good/fair/poor) with the reasons',
    description:
      'Checks the pincode (format, known), that city and state agree with it (old/new city names, abbreviations such as KA and GST codes, small misspellings tolerated), ' +
      'a house/flat/plot number in the address lines, a landmark, and the phone (Indian mobile or landline, returned in E.164). Each issue has a stable code and the points it cost. ' +
      'Pincode data © GeoNames (geonames.org), CC-BY 4.0.',
  })
  @ApiOkResponse({ type: AddressAssessmentDto })
  async validateAddress(@Body() body: ValidateAddressDto): Promise<AddressAssessment> {
    const [assessment] = await this.queries.execute<AssessAddresses, AddressAssessment[]>(new AssessAddresses([body]));
    return assessment;
  }
}
