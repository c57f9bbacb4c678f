import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthGuard } from '@nestjs/passport';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@fa/shared';
import { AccountEntity, AccountsService } from '@fa/identity';
import { PersonalDataExport } from '../portal/personal-data-export';
import { Public, SignedIn } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { API_V1 } from './api-path';
import {
  MeResponseDto,
  PasswordChangeDto,
  PasswordResetCompleteDto,
  PasswordResetRequestDto,
  RegisterRequestDto,
  StatusResponseDto,
  TokenRequestDto,
  TokenResponseDto,
  VerifyRequestDto,
} from './auth-api.dto';
import { ErrorResponseDto } from './error-response.dto';

@ApiTags('auth')
@Controller(API_V1)
export class AuthApiController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly personalData: PersonalDataExport,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/register')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Register an applicant; a verification link is mailed (the same answer when the address is already registered)' })
  @ApiAcceptedResponse({ type: StatusResponseDto })
  async register(@Body() body: RegisterRequestDto, @Req() request: RequestWithCaller): Promise<StatusResponseDto> {
    await this.accounts.registerApplicant(body, { clientAddress: clientAddressOf(request) });
    return { status: 'VERIFICATION_SENT' };
  }

  @Post('auth/verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an e-mail address with the token of the mailed link (single use, 24 hours)' })
  @ApiOkResponse({ type: StatusResponseDto })
  async verify(@Body() body: VerifyRequestDto, @Req() request: RequestWithCaller): Promise<StatusResponseDto> {
    const account = await this.accounts.verifyEmail(body.token, { clientAddress: clientAddressOf(request) });
    return { status: account.status };
  }

  @Post('auth/token')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthGuard('local'))
  @ApiOperation({ summary: 'Exchange credentials for a short-lived bearer token' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'TOO_MANY_LOGIN_ATTEMPTS, with Retry-After' })
  token(@Req() request: RequestWithCaller, @Body() _credentials: TokenRequestDto): TokenResponseDto {
    const account = request.user as AccountEntity;
    return { accessToken: this.jwt.sign({ sub: account.id }), tokenType: 'Bearer', expiresIn: this.config.API_TOKEN_MINUTES * 60 };
  }

  @Post('auth/password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a password reset link (the same answer whether or not the address has an account)' })
  @ApiAcceptedResponse({ type: StatusResponseDto })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() request: RequestWithCaller): Promise<StatusResponseDto> {
    await this.accounts.requestPasswordReset(body.email, { clientAddress: clientAddressOf(request) });
    return { status: 'RESET_LINK_SENT_IF_ACCOUNT_EXISTS' };
  }

  @Post('auth/password-reset/complete')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password with the token of a reset link; every session of the account ends' })
  @ApiOkResponse({ type: StatusResponseDto })
  async completePasswordReset(@Body() body: PasswordResetCompleteDto, @Req() request: RequestWithCaller): Promise<StatusResponseDto> {
    await this.accounts.completePasswordReset(body.token, body.password, { clientAddress: clientAddressOf(request) });
    return { status: 'PASSWORD_CHANGED' };
  }

  @Post('me/password')
  @SignedIn()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change the caller's password; their portal sessions end" })
  @ApiOkResponse({ type: StatusResponseDto })
  async changePassword(@CurrentCaller() caller: Caller, @Body() body: PasswordChangeDto, @Req() request: RequestWithCaller): Promise<StatusResponseDto> {
    await this.accounts.changePassword(caller.account.id, body.currentPassword, body.newPassword, { clientAddress: clientAddressOf(request) });
    return { status: 'PASSWORD_CHANGED' };
  }

  @Get('me/data')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Everything the platform holds about the caller (account, organizations, mails, audit entries, applications started, uploads, submissions, re-examination requests), as JSON' })
  myData(@CurrentCaller() caller: Caller) {
    return this.personalData.of(caller.account.id);
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account of the bearer token' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentCaller() caller: Caller): MeResponseDto {
    const { id, email, displayName, role, preferredLocale } = caller.account;
    return { id, email, displayName, role, preferredLocale };
  }
}
