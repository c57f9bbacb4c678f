import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { OrganizationEntity, OrganizationsService } from '@fa/identity';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { API_V1 } from './api-path';
import { ErrorResponseDto } from './error-response.dto';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Robotique Estrie inc.' }) @IsString() @Length(1, 300) legalName!: string;
  @ApiProperty({ example: '1171234567', description: 'Québec enterprise number (NEQ), 10 digits' })
  @Matches(/^[0-9]{10}$/, { message: 'neq must be the 10 digits of the Québec enterprise number' })
  neq!: string;
}

export class OrganizationDto {
  @ApiProperty() id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() neq!: string;
  @ApiProperty() createdAt!: string;

  static from(organization: OrganizationEntity): OrganizationDto {
    return { id: organization.id, legalName: organization.legalName, neq: organization.neq, createdAt: organization.createdAt.toISOString() };
  }
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller(`${API_V1}/organizations`)
export class OrganizationsApiController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Register an SME organization; the caller becomes its first member' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ORGANIZATION_ALREADY_REGISTERED' })
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Body() body: CreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.create({ account: caller.account, clientAddress: clientAddressOf(request) }, body));
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The organizations the caller may see: an applicant's own, every one for staff" })
  @ApiOkResponse({ type: [OrganizationDto] })
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller): Promise<OrganizationDto[]> {
    return (await this.organizations.listVisible({ account: caller.account, clientAddress: clientAddressOf(request) })).map(OrganizationDto.from);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: "One organization; another organization's answers 404, like a missing one" })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORGANIZATION_NOT_FOUND' })
  async get(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.findVisible({ account: caller.account, clientAddress: clientAddressOf(request) }, id));
  }
}
