import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { APPLICATION_STATES, ApplicationState } from '@fa/intake';
import { ConflictDeclarationsService, FileReviews, ReviewQueue, ReviewsService, ScreeningConfirmationService } from '@fa/review';
import { Roles } from '../auth/access.decorators';
import { Caller, CurrentCaller, RequestWithCaller, clientAddressOf } from '../auth/caller';
import { API_V1 } from './api-path';
import { TextLength } from './text-validators';

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATES }) @IsOptional() @IsIn(APPLICATION_STATES) status?: ApplicationState;
  @ApiPropertyOptional({ example: '06' }) @IsOptional() @Matches(/^(0[1-9]|1[0-7])$/) region?: string;
  @ApiPropertyOptional({ example: 'HEALTH_AI' }) @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/) sector?: string;
  @ApiPropertyOptional({ enum: ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] }) @IsOptional() @IsIn(['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW']) outcome?: string;
  @ApiPropertyOptional({ enum: ['me', 'unassigned'], description: 'Only the files assigned to you, or those nobody took yet' }) @IsOptional() @IsIn(['me', 'unassigned']) assigned?: 'me' | 'unassigned';
  @ApiPropertyOptional({ enum: ['score', 'age'], default: 'score' }) @IsOptional() @IsIn(['score', 'age']) sort?: 'score' | 'age';
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class QueueAssigneeDto {
  @ApiProperty() reviewerAccountId!: string;
  @ApiProperty() reviewerName!: string;
  @ApiProperty() lead!: boolean;
}

export class QueueItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) trackingNumber!: string | null;
  @ApiProperty({ enum: APPLICATION_STATES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountRequestedCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) sectorCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) regionCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) screeningOutcome!: string | null;
  @ApiProperty({ nullable: true, type: Number }) priorityScore!: number | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['NO_CONFLICT', 'RECUSED'], description: 'The caller’s latest conflict-of-interest declaration on this file' }) myDeclaration!: string | null;
  @ApiProperty({ type: [QueueAssigneeDto] }) assignees!: QueueAssigneeDto[];
}

export class ConflictDeclarationDto {
  @ApiProperty({ enum: ['NO_CONFLICT', 'RECUSED'] }) @IsIn(['NO_CONFLICT', 'RECUSED']) kind!: 'NO_CONFLICT' | 'RECUSED';
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the person recuses, or anything worth recording' }) @IsOptional() @TextLength(0, 2000) statement?: string | null;
}

export class ScreeningConfirmationRequestDto {
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'], description: 'The outcome a person finds; differing from the automated one overturns it' })
  @IsIn(['ELIGIBLE', 'INELIGIBLE'])
  outcome!: 'ELIGIBLE' | 'INELIGIBLE';
  @ApiProperty({ description: 'Why — the applicant reads it' }) @TextLength(1, 4000) reason!: string;
}

export class ScreeningConfirmationDto {
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] }) automatedOutcome!: string;
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'] }) confirmedOutcome!: string;
  @ApiProperty() overturned!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty() confirmedAt!: string;
}

export class ReviewRequestDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer', minimum: 0, maximum: 5 }, example: { AI_INNOVATION: 4, TECHNICAL_FEASIBILITY: 3, TEAM_CAPACITY: 5, ECONOMIC_IMPACT_AND_JOBS: 2, RESPONSIBLE_AI_AND_DATA: 1 }, description: 'A whole score 0–5 for every criterion of the grid' })
  @IsObject()
  scores!: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'A comment per criterion (optional)' }) @IsOptional() @IsObject() comments?: Record<string, string>;
}

export class CriterionDto {
  @ApiProperty() code!: string;
  @ApiProperty() labelFr!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty() weight!: number;
}

export class ReviewDto {
  @ApiProperty() id!: string;
  @ApiProperty() reviewerAccountId!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) scores!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) comments!: Record<string, string>;
  @ApiProperty({ example: 61, description: 'Out of 100' }) total!: number;
  @ApiProperty() submittedAt!: string;
}

export class FileReviewsDto {
  @ApiProperty({ type: [CriterionDto] }) criteria!: CriterionDto[];
  @ApiProperty({ type: [ReviewDto] }) reviews!: ReviewDto[];
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Enough reviews for a recommendation' }) sufficient!: boolean;
  @ApiProperty({ description: 'The first two reviews differ by more than the settings allow' }) thirdReviewNeeded!: boolean;
  @ApiProperty({ nullable: true, type: Number }) meanTotal!: number | null;

  static from(file: FileReviews): FileReviewsDto {
    return {
      criteria: file.criteria,
      reviews: file.reviews.map(({ totalTenths, submittedAt, ...review }) => ({ ...review, total: totalTenths / 10, submittedAt: submittedAt.toISOString() })),
      count: file.state.count,
      sufficient: file.state.sufficient,
      thirdReviewNeeded: file.state.thirdReviewNeeded,
      meanTotal: file.state.meanTenths === null ? null : file.state.meanTenths / 10,
    };
  }
}

export class DeclarationResponseDto {
  @ApiProperty({ enum: ['NO_CONFLICT', 'RECUSED'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) statement!: string | null;
  @ApiProperty() declaredAt!: string;
}

@ApiTags('review')
@ApiBearerAuth()
@Controller(API_V1)
export class ReviewApiController {
  constructor(
    private readonly conflicts: ConflictDeclarationsService,
    private readonly confirmations: ScreeningConfirmationService,
    private readonly reviews: ReviewsService,
    private readonly queueOfFiles: ReviewQueue,
  ) {}

  @Post('applications/:id/reviews')
  @Roles('REVIEWER')
  @ApiOperation({ summary: 'Score a file in review on the grid (once per reviewer); answers every review so far and whether a third is needed' })
  @ApiCreatedResponse({ type: FileReviewsDto })
  async review(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ReviewRequestDto): Promise<FileReviewsDto> {
    return FileReviewsDto.from(await this.reviews.submit({ account: caller.account, clientAddress: clientAddressOf(request) }, id, { scores: body.scores, comments: body.comments ?? {} }));
  }

  @Get('applications/:id/reviews')
  @Roles('REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'The reviews of a file, the grid they used, and whether they suffice for a recommendation' })
  @ApiOkResponse({ type: FileReviewsDto })
  async fileReviews(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string): Promise<FileReviewsDto> {
    return FileReviewsDto.from(await this.reviews.list({ account: caller.account, clientAddress: clientAddressOf(request) }, id));
  }

  @Post('applications/:id/screening/confirmation')
  @Roles('REVIEWER')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm or overturn the automated screening with a reason (told to the applicant); the file moves into review' })
  @ApiOkResponse({ type: ScreeningConfirmationDto })
  async confirmScreening(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ScreeningConfirmationRequestDto): Promise<ScreeningConfirmationDto> {
    const confirmation = await this.confirmations.confirm({ account: caller.account, clientAddress: clientAddressOf(request) }, id, body.outcome, body.reason);
    return { ...confirmation, confirmedAt: confirmation.confirmedAt.toISOString() };
  }

  @Get('review/queue')
  @Roles('REVIEWER', 'APPROVER')
  @ApiOperation({ summary: 'Submitted files to review, filtered by status, region, sector and screening outcome, sorted by priority score or age' })
  @ApiOkResponse({ type: [QueueItemDto] })
  async queue(@CurrentCaller() caller: Caller, @Query() query: QueueQueryDto): Promise<QueueItemDto[]> {
    return (await this.queueOfFiles.list(caller.account.id, query)).map((item) => ({
      ...item, submittedAt: item.submittedAt?.toISOString() ?? null,
      assignees: item.assignees.map(({ reviewerAccountId, reviewerName, lead }) => ({ reviewerAccountId, reviewerName, lead })),
    }));
  }

  @Post('applications/:id/conflict-declaration')
  @Roles('REVIEWER', 'APPROVER')
  @ApiOperation({ summary: 'Declare no conflict of interest with a file (required before its details open), or recuse yourself' })
  @ApiCreatedResponse({ type: DeclarationResponseDto })
  async declare(@CurrentCaller() caller: Caller, @Req() request: RequestWithCaller, @Param('id') id: string, @Body() body: ConflictDeclarationDto): Promise<DeclarationResponseDto> {
    const declaration = await this.conflicts.declare({ account: caller.account, clientAddress: clientAddressOf(request) }, id, body.kind, body.statement ?? null);
    return { ...declaration, declaredAt: declaration.declaredAt.toISOString() };
  }
}
