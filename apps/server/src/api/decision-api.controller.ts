import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsInt, IsOptional, IsUUID, Min, ValidateIf } from 'class-validator';
import { Locale, ValidationFailedError } from '@fa/shared';
import { AssignmentsService, ChangeRequestsService, DecisionsService, RecommendationsService, StoredDecision, StoredRecommendation } from '@fa/review';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, actingCaller } from '../auth/caller';
import { attachmentDisposition } from '../http/attachment-download';
import { API_V1 } from './api-path';
import { FileReviewsDto } from './review-api.controller';
import { TextLength } from './text-validators';

const STAFF = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'] as const;
/** An Idempotency-Key header: what a client may send to make a decision safe to retry. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export class AssignmentRequestDto {
  @ApiPropertyOptional({ description: 'The reviewer to assign (only the file’s lead reviewer assigns others); yourself when left out' })
  @IsOptional()
  @IsUUID()
  reviewerAccountId?: string;
}

export class AssignmentDto {
  @ApiProperty() reviewerAccountId!: string;
  @ApiProperty() reviewerName!: string;
  @ApiProperty({ description: 'The first reviewer to take the file leads its review' }) lead!: boolean;
  @ApiProperty() assignedByAccountId!: string;
  @ApiProperty() assignedAt!: string;
}

export class RecommendationRequestDto {
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'] }) @IsIn(['APPROVE', 'DECLINE']) kind!: 'APPROVE' | 'DECLINE';
  @ApiPropertyOptional({ example: 25_000_000, description: 'For an approval: the amount recommended in cents, ≤ requested ≤ ceiling' })
  @ValidateIf((dto: RecommendationRequestDto) => dto.kind === 'APPROVE')
  @IsInt()
  @Min(1)
  amountCents?: number;
  @ApiProperty({ description: 'Why: the approver reads it (and, for a decline, the applicant)' }) @TextLength(1, 4000) reasons!: string;
}

export class RecommendationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'] }) kind!: string;
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'], description: 'What the reviews suggested (mean against the approval threshold)' }) computedKind!: string;
  @ApiProperty({ nullable: true, type: Number }) amountCents!: number | null;
  @ApiProperty() reasons!: string;
  @ApiProperty({ description: 'Mean of the reviews, out of 100' }) meanTotal!: number;
  @ApiProperty({ type: [String] }) reviewIds!: string[];
  @ApiProperty() reviewerAccountId!: string;
  @ApiProperty() signedAt!: string;

  static from(recommendation: StoredRecommendation): RecommendationDto {
    const { meanTenths, signedAt, applicationId: _applicationId, submissionSequence: _sequence, ...rest } = recommendation;
    return { ...rest, meanTotal: meanTenths / 10, signedAt: signedAt.toISOString() };
  }
}

export class RecommendationProposalDto {
  @ApiProperty({ type: FileReviewsDto }) reviews!: FileReviewsDto;
  @ApiProperty({ example: 60 }) approvalThresholdPoints!: number;
  @ApiProperty({ nullable: true, enum: ['APPROVE', 'DECLINE'], description: 'null until the reviews suffice' }) suggestedKind!: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountRequestedCents!: number | null;
  @ApiProperty({ nullable: true, type: RecommendationDto }) latest!: RecommendationDto | null;
}

export class ChangesRequestDto {
  @ApiProperty({ description: 'What the applicant should change (they read it)' }) @TextLength(1, 4000) comments!: string;
}

export class DecisionRequestDto {
  @ApiProperty({ enum: ['APPROVED', 'DECLINED'] }) @IsIn(['APPROVED', 'DECLINED']) outcome!: 'APPROVED' | 'DECLINED';
  @ApiPropertyOptional({ example: 25_000_000, description: 'For an approval: the amount granted in cents, ≤ requested ≤ ceiling; committed against the envelope' })
  @ValidateIf((dto: DecisionRequestDto) => dto.outcome === 'APPROVED')
  @IsInt()
  @Min(1)
  amountCents?: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required to decline (the applicant reads them); remarks for an approval' })
  @ValidateIf((dto: DecisionRequestDto) => dto.outcome === 'DECLINED' || (dto.reasons !== undefined && dto.reasons !== null))
  @TextLength(1, 4000)
  reasons?: string | null;
}

export class DecisionDto {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: ['APPROVED', 'DECLINED'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: Number }) amountCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) reasons!: string | null;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The ledger command that committed the money (approvals)' }) ledgerIdempotencyKey!: string | null;
  @ApiProperty({ description: 'Where to download the decision letter' }) letterUrl!: string;

  static from(decision: StoredDecision): DecisionDto {
    return {
      id: decision.id, applicationId: decision.applicationId, outcome: decision.outcome, amountCents: decision.amountCents, reasons: decision.reasons,
      decidedAt: decision.decidedAt.toISOString(), ledgerIdempotencyKey: decision.ledgerIdempotencyKey, letterUrl: `/${API_V1}/applications/${decision.applicationId}/decision/letter`,
    };
  }
}

/** The end of a review: assignments, the signed recommendation, changes requested, the approver's decision and its letter. */
@ApiTags('review')
@ApiBearerAuth()
@Controller(API_V1)
export class DecisionApiController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly recommendations: RecommendationsService,
    private readonly changeRequests: ChangeRequestsService,
    private readonly decisions: DecisionsService,
  ) {}

  @Post('applications/:id/assignments')
  @Roles('REVIEWER')
  @ApiOperation({ summary: 'Take a file (the first taker leads its review), or, as its lead, assign another reviewer' })
  @ApiCreatedResponse({ type: [AssignmentDto] })
  async assign(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: AssignmentRequestDto): Promise<AssignmentDto[]> {
    return (await this.assignments.assign(actingCaller(caller, request), id, body.reviewerAccountId ?? null)).map(assignmentDto);
  }

  @Get('applications/:id/assignments')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The reviewers assigned to a file' })
  @ApiOkResponse({ type: [AssignmentDto] })
  async assigned(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<AssignmentDto[]> {
    return (await this.assignments.assignments(actingCaller(caller, request), id)).map(assignmentDto);
  }

  @Get('applications/:id/recommendation')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'What the reviews of the current submission suggest, and the latest signed recommendation' })
  @ApiOkResponse({ type: RecommendationProposalDto })
  async proposal(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<RecommendationProposalDto> {
    const proposal = await this.recommendations.proposal(actingCaller(caller, request), id);
    return { ...proposal, reviews: FileReviewsDto.from(proposal.reviews), latest: proposal.latest ? RecommendationDto.from(proposal.latest) : null };
  }

  @Post('applications/:id/recommendation')
  @Roles('REVIEWER')
  @ApiOperation({ summary: 'Sign the recommendation (a reviewer who scored the file, once the reviews suffice); the file becomes RECOMMENDED' })
  @ApiCreatedResponse({ type: RecommendationDto })
  async recommend(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: RecommendationRequestDto): Promise<RecommendationDto> {
    const recommendation = await this.recommendations.recommend(actingCaller(caller, request), id, { kind: body.kind, amountCents: body.kind === 'APPROVE' ? (body.amountCents ?? null) : null, reasons: body.reasons });
    return RecommendationDto.from(recommendation);
  }

  @Post('applications/:id/changes-request')
  @Roles('REVIEWER')
  @HttpCode(204)
  @ApiOperation({ summary: 'Return the file to the applicant with comments; they edit and resubmit it, and it is screened and reviewed again' })
  async requestChanges(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ChangesRequestDto): Promise<void> {
    await this.changeRequests.request(actingCaller(caller, request), id, body.comments);
  }

  @Post('applications/:id/decision')
  @Roles('APPROVER')
  @ApiOperation({ summary: 'Approve an amount (committed against the envelope in the same transaction) or decline with reasons; four eyes apply' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–100 characters [A-Za-z0-9._:-]; a repeat of the same request answers the decision already taken (200), another request under it is refused (409)' })
  @ApiCreatedResponse({ type: DecisionDto })
  async decide(
    @CurrentCaller() caller: Caller,
    @Req() request: RequestWithCaller,
    @Param('id') id: string,
    @Body() body: DecisionRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionDto> {
    // Required: a client that lost the answer must be able to ask again and get the same decision.
    if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationFailedError([{ field: 'Idempotency-Key', problems: ['Idempotency-Key must be 8 to 100 characters among A-Z a-z 0-9 . _ : -'] }]);
    }
    const result = await this.decisions.decide(actingCaller(caller, request), id, {
      outcome: body.outcome, amountCents: body.outcome === 'APPROVED' ? (body.amountCents ?? null) : null, reasons: body.reasons ?? null, requestKey: idempotencyKey,
    });
    if (result.repeated) void reply.status(200);
    return DecisionDto.from(result.decision);
  }

  @Get('applications/:id/decision')
  @Roles('APPLICANT', ...STAFF)
  @ApiOperation({ summary: 'The decision on a file (its applicant and staff)' })
  @ApiOkResponse({ type: DecisionDto })
  async decision(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<DecisionDto> {
    return DecisionDto.from(await this.decisions.decisionOf(actingCaller(caller, request), id));
  }

  @Get('applications/:id/decision/letter')
  @Roles('APPLICANT', ...STAFF)
  @ApiOperation({ summary: 'Download the decision letter (HTML, the text of the mail) in French or English' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'], description: 'The account’s language when left out' })
  @ApiOkResponse({ description: 'The letter, as a download' })
  async letter(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Query('lang') lang: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    if (lang !== undefined && lang !== 'fr' && lang !== 'en') throw new ValidationFailedError([{ field: 'lang', problems: ['lang must be fr or en'] }]);
    const locale: Locale = (lang as Locale | undefined) ?? caller.account.preferredLocale;
    const letter = await this.decisions.letter(actingCaller(caller, request), id, locale);
    void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return new StreamableFile(Buffer.from(letter.html, 'utf8'), { type: 'text/html; charset=utf-8', disposition: attachmentDisposition(letter.fileName) });
  }
}

function assignmentDto(assignment: { reviewerAccountId: string; reviewerName: string; lead: boolean; assignedByAccountId: string; assignedAt: Date }): AssignmentDto {
  return { ...assignment, assignedAt: assignment.assignedAt.toISOString() };
}
