import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { OrganizationEntity, OrganizationsService } from '@fa/identity';
import { OrganizationProfilesService } from '@fa/intake';
import { CreateOrganizationDto, OrganizationWithProfileDto, UpdateOrganizationDto } from './intake/organization-profile.dto';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { API_V1 } from './api-path';
import { ErrorResponseDto } from './error-response.dto';

export class OrganizationDto {
  @ApiProperty() id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty() neq!: string;
  @ApiProperty() createdAt!: string;

  static from(organization: OrganizationEntity): OrganizationDto {
    return { id: organization.id, legalName: organization.legalName, neq: organization.neq, createdAt: organization.createdAt.toISOString() };
  }
}

export class InvitationRequestDto {
  @ApiProperty({ example: 'collegue@robotique-estrie.example' }) @IsEmail() @MaxLength(320) email!: string;
}

export class InvitationAcceptDto {
  @ApiProperty({ description: 'The token of the mailed invitation link' }) @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/) token!: string;
}

export class MemberDto {
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() joinedAt!: string;
}

@ApiTags('organizations')
@ApiBearerAuth()
@Controller(`${API_V1}/organizations`)
export class OrganizationsApiController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly profiles: OrganizationProfilesService,
  ) {}

  @Post()
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Register an SME organization with its profile; the caller becomes its first member' })
  @ApiCreatedResponse({ type: OrganizationWithProfileDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ORGANIZATION_ALREADY_REGISTERED' })
  async create(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Body() body: CreateOrganizationDto): Promise<OrganizationWithProfileDto> {
    return OrganizationWithProfileDto.from(await this.profiles.register({ account: caller.account, clientAddress: clientAddressOf(request) }, body));
  }

  @Patch(':id')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Change the legal name or the profile of one of the caller’s organizations (the NEQ never changes)' })
  @ApiOkResponse({ type: OrganizationWithProfileDto })
  async update(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: UpdateOrganizationDto): Promise<OrganizationWithProfileDto> {
    return OrganizationWithProfileDto.from(await this.profiles.update({ account: caller.account, clientAddress: clientAddressOf(request) }, id, body));
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "The organizations the caller may see: an applicant's own, every one for staff" })
  @ApiOkResponse({ type: [OrganizationDto] })
  async list(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller): Promise<OrganizationDto[]> {
    return (await this.organizations.listVisible({ account: caller.account, clientAddress: clientAddressOf(request) })).map(OrganizationDto.from);
  }

  @Post('invitations/accept')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join an organization with the token of a mailed invitation (the invited address only, once)' })
  @ApiOkResponse({ type: OrganizationDto })
  async accept(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Body() body: InvitationAcceptDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.organizations.acceptInvitation({ account: caller.account, clientAddress: clientAddressOf(request) }, body.token));
  }

  @Post(':id/invitations')
  @Roles('APPLICANT')
  @HttpCode(202)
  @ApiOperation({ summary: 'Invite a colleague by e-mail to join the organization (members only)' })
  async invite(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: InvitationRequestDto): Promise<{ status: string }> {
    await this.organizations.invite({ account: caller.account, clientAddress: clientAddressOf(request) }, id, body.email);
    return { status: 'INVITATION_SENT' };
  }

  @Get(':id/members')
  @SignedIn()
  @ApiOperation({ summary: 'The members of an organization the caller may see' })
  @ApiOkResponse({ type: [MemberDto] })
  async members(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<MemberDto[]> {
    const members = await this.organizations.members({ account: caller.account, clientAddress: clientAddressOf(request) }, id);
    return members.map((member) => ({ ...member, joinedAt: member.joinedAt.toISOString() }));
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: "One organization with its profile; another organization's answers 404, like a missing one" })
  @ApiOkResponse({ type: OrganizationWithProfileDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORGANIZATION_NOT_FOUND' })
  async get(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<OrganizationWithProfileDto> {
    return OrganizationWithProfileDto.from(await this.profiles.get({ account: caller.account, clientAddress: clientAddressOf(request) }, id));
  }
}
