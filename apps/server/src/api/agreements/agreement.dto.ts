import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AgreementView, MilestoneReport, PaymentOrder } from '@fa/agreements';
import { TextLength } from '../text-validators';

export class TrancheDto {
  @ApiProperty() number!: number;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The milestone whose accepted report makes it releasable; null: at signature' }) milestoneNumber!: number | null;
  @ApiProperty({ enum: ['PENDING', 'RELEASABLE', 'RELEASED', 'PAID', 'CANCELLED'] }) status!: string;
}

export class MilestoneDto {
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2027-04-30' }) dueOn!: string;
  @ApiProperty() final!: boolean;
}

export class ReportDto {
  @ApiProperty() id!: string;
  @ApiProperty() milestoneNumber!: number;
  @ApiProperty() progress!: string;
  @ApiProperty() aiJobsToDate!: number;
  @ApiProperty() privateSpentToDateCents!: number;
  @ApiProperty({ type: [String] }) evidenceAttachmentIds!: string[];
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ nullable: true, enum: ['ACCEPTED', 'RETURNED'] }) reviewOutcome!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewComments!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt!: string | null;

  static from(report: MilestoneReport): ReportDto {
    const { review, submittedBy: _by, submittedAt, ...rest } = report;
    return { ...rest, submittedAt: submittedAt.toISOString(), reviewOutcome: review?.outcome ?? null, reviewComments: review?.comments ?? null, reviewedAt: review?.reviewedAt.toISOString() ?? null };
  }
}

export class PaymentOrderDto {
  @ApiProperty() id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() agreementId!: string;
  @ApiProperty() trancheNumber!: number;
  @ApiProperty() amountCents!: number;
  @ApiProperty({ enum: ['ISSUED', 'PAID', 'RETURNED'] }) status!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ nullable: true, type: String }) settledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) settlementReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;

  static from(order: PaymentOrder): PaymentOrderDto {
    const { issuedBy: _by, issuedAt, settledAt, ...rest } = order;
    return { ...rest, issuedAt: issuedAt.toISOString(), settledAt: settledAt?.toISOString() ?? null };
  }
}

export class AgreementDto {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty({ nullable: true, type: String }) trackingNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() organizationName!: string;
  @ApiProperty() neq!: string;
  @ApiProperty({ enum: ['OFFERED', 'ACCEPTED', 'SIGNED', 'COMPLETED', 'TERMINATED'] }) status!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty() originalAmountCents!: number;
  @ApiProperty({ type: [Number], example: [4000, 4000, 2000], description: 'The schedule, in basis points' }) trancheBps!: number[];
  @ApiProperty({ description: 'Public money paid out and not returned' }) paidCents!: number;
  @ApiProperty({ description: 'Private money spent to date: the highest cumulative figure among accepted reports' }) privateSpentCents!: number;
  @ApiProperty({ type: [TrancheDto] }) tranches!: TrancheDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones!: MilestoneDto[];
  @ApiProperty({ type: [ReportDto] }) reports!: ReportDto[];
  @ApiProperty({ type: [PaymentOrderDto] }) paymentOrders!: PaymentOrderDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) signedAt!: string | null;

  static from(view: AgreementView): AgreementDto {
    return {
      id: view.id, applicationId: view.applicationId, trackingNumber: view.trackingNumber, title: view.title, organizationName: view.organizationName, neq: view.neq,
      status: view.status, amountCents: view.amountCents, originalAmountCents: view.originalAmountCents, trancheBps: view.trancheBps, paidCents: view.paidCents,
      privateSpentCents: view.privateSpentCents, tranches: view.tranches, milestones: view.milestones, reports: view.reports.map(ReportDto.from),
      paymentOrders: view.paymentOrders.map(PaymentOrderDto.from), createdAt: view.createdAt.toISOString(), acceptedAt: view.acceptedAt?.toISOString() ?? null,
      signedAt: view.signedAt?.toISOString() ?? null,
    };
  }
}

/** 10 G$: far above any project, and a safe integer of cents (the database's CHECK too). */
const MAX_REPORTED_CENTS = 1_000_000_000_000;

export class MilestoneReportRequestDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(12) milestoneNumber!: number;
  @ApiProperty({ description: 'What was done since the last report' }) @TextLength(1, 8000) progress!: string;
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(100_000) aiJobsToDate!: number;
  @ApiProperty({ example: 20_000_000, description: 'Cumulative private money spent on the project, in cents' }) @IsInt() @Min(0) @Max(MAX_REPORTED_CENTS) privateSpentToDateCents!: number;
  @ApiProperty({ type: [String], description: 'Ids of files uploaded to POST /agreements/:id/evidence' }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) evidenceAttachmentIds!: string[];
}

export class ReportReviewRequestDto {
  @ApiProperty({ enum: ['ACCEPTED', 'RETURNED'] }) @IsIn(['ACCEPTED', 'RETURNED']) outcome!: 'ACCEPTED' | 'RETURNED';
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required to return a report (the enterprise reads them)' }) @IsOptional() @TextLength(1, 4000) comments?: string | null;
}

export class PaymentConfirmationDto {
  @ApiProperty({ description: 'The finance system’s reference of the payment' }) @TextLength(1, 200) reference!: string;
}

export class PaymentReturnDto {
  @ApiProperty({ description: 'Why the payment came back' }) @TextLength(1, 4000) reason!: string;
}

export class ReductionRequestDto {
  @ApiProperty({ example: 30_000_000, description: 'The new amount of the agreement, in cents (below the current one)' }) @IsInt() @Min(0) newAmountCents!: number;
  @ApiProperty() @TextLength(1, 4000) reason!: string;
}

export class TerminationRequestDto {
  @ApiProperty() @TextLength(1, 4000) reason!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'What remains due of the money paid (default: all of it); the rest becomes a receivable' })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountDueCents?: number | null;
}

export class AmendmentDto {
  @ApiProperty({ enum: ['REDUCTION', 'TERMINATION'] }) kind!: string;
  @ApiProperty() previousAmountCents!: number;
  @ApiProperty() newAmountCents!: number;
  @ApiProperty({ description: 'Committed money returned to the envelope' }) releasedCents!: number;
  @ApiProperty({ description: 'Money paid beyond what is due, now owed back' }) receivableCents!: number;
  @ApiProperty() repeated!: boolean;
}
