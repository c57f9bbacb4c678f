import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApplicationRecord, ApplicationView, AttachmentRecord, StoredScreening } from '@fa/intake';
import { APPLICATION_STATES } from '@fa/intake';
import { CoInvestmentSourceDto, MilestoneDto } from './application-input.dto';

export class BilingualTextDto {
  @ApiProperty() fr!: string;
  @ApiProperty() en!: string;
}

export class MissingItemDto {
  @ApiProperty({ example: 'BUDGET' }) section!: string;
  @ApiProperty({ example: 'amountRequestedCents' }) field!: string;
  @ApiProperty({ example: 'REQUIRED' }) code!: string;
}

export class SectionStatusDto {
  @ApiProperty({ example: 'BUDGET' }) section!: string;
  @ApiProperty() complete!: boolean;
  @ApiProperty({ type: [MissingItemDto] }) missing!: MissingItemDto[];
}

export class AttachmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'CO_INVESTMENT_EVIDENCE' }) category!: string;
  @ApiProperty({ example: 'lettre-engagement-banque.pdf' }) originalName!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty() uploadedAt!: string;

  static from(attachment: AttachmentRecord): AttachmentDto {
    const { id, category, originalName, mediaType, sizeBytes, sha256, uploadedAt } = attachment;
    return { id, category, originalName, mediaType, sizeBytes, sha256, uploadedAt: uploadedAt.toISOString() };
  }
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ['STATE_CHANGE', 'REEXAMINATION_REQUESTED'] }) kind!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, enum: APPLICATION_STATES }) fromStatus!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: APPLICATION_STATES }) toStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class RuleResultDto {
  @ApiProperty({ example: 'E6' }) ruleId!: string;
  @ApiProperty({ enum: ['PASS', 'FAIL', 'NEEDS_REVIEW'] }) verdict!: string;
  @ApiProperty({ type: BilingualTextDto }) title!: BilingualTextDto;
  @ApiProperty({ type: BilingualTextDto, description: 'Names the figures the rule used' }) message!: BilingualTextDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) figures!: Record<string, unknown>;
}

export class ScoreFactorDto {
  @ApiProperty({ example: 'leverage' }) factor!: string;
  @ApiProperty({ example: 8.3 }) points!: number;
  @ApiProperty({ example: 25 }) maxPoints!: number;
  @ApiProperty({ type: BilingualTextDto }) label!: BilingualTextDto;
  @ApiProperty({ type: BilingualTextDto }) explanation!: BilingualTextDto;
}

/** A stored automated screening, with everything that explains it (A-2.1 s. 65.2). */
export class ScreeningDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '2026.1' }) ruleSetVersion!: string;
  @ApiProperty({ example: 1, description: 'The version of the program’s settings the screening read (its figures are in `settings`)' }) settingsVersion!: number;
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] }) outcome!: string;
  @ApiProperty({ description: 'Whether a person has yet to confirm the outcome; an INELIGIBLE screening is never a final refusal' }) awaitsHumanConfirmation!: boolean;
  @ApiProperty({ example: 74.9, description: 'Priority score 0–100, decision support only' }) score!: number;
  @ApiProperty({ type: [String], example: ['E6'] }) decidingRules!: string[];
  @ApiProperty({ type: [RuleResultDto] }) results!: RuleResultDto[];
  @ApiProperty({ type: [ScoreFactorDto] }) scoreFactors!: ScoreFactorDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The information the screening used' }) inputs!: Record<string, unknown>;
  @ApiProperty() screenedAt!: string;
  @ApiProperty({ nullable: true, type: String }) reexaminationRequestedAt!: string | null;
  @ApiProperty({ type: BilingualTextDto }) disclosure!: BilingualTextDto;

  static from(screening: StoredScreening, disclosure: BilingualTextDto): ScreeningDto {
    return {
      id: screening.id,
      ruleSetVersion: screening.ruleSetVersion,
      settingsVersion: screening.settingsVersion,
      outcome: screening.outcome,
      awaitsHumanConfirmation: true,
      score: screening.score,
      decidingRules: screening.decidingRules,
      results: screening.results,
      scoreFactors: screening.scoreFactors.map(({ factor, pointsTenths, maxPoints, label, explanation }) => ({ factor, points: pointsTenths / 10, maxPoints, label, explanation })),
      inputs: screening.inputs as unknown as Record<string, unknown>,
      screenedAt: screening.screenedAt.toISOString(),
      reexaminationRequestedAt: screening.reexaminationRequestedAt?.toISOString() ?? null,
      disclosure,
    };
  }
}

export class ApplicationSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'FA-2026-000123' }) trackingNumber!: string | null;
  @ApiProperty({ enum: APPLICATION_STATES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountRequestedCents!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;

  static from(application: ApplicationRecord): ApplicationSummaryDto {
    return {
      id: application.id,
      organizationId: application.organizationId,
      trackingNumber: application.trackingNumber,
      status: application.status,
      title: application.title,
      amountRequestedCents: application.amountRequestedCents,
      createdAt: application.createdAt.toISOString(),
      updatedAt: application.updatedAt.toISOString(),
      submittedAt: application.submittedAt?.toISOString() ?? null,
    };
  }
}

export class ApplicationDto extends ApplicationSummaryDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) sectorCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) useCaseCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) aiApproach!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) dataAvailable!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) dataDescription!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) mlStaffInPlace!: boolean | null;
  @ApiProperty({ type: [String] }) researchPartners!: string[];
  @ApiProperty({ nullable: true, type: Number }) totalProjectCostCents!: number | null;
  @ApiProperty({ nullable: true, type: Number }) otherPublicFundingCents!: number | null;
  @ApiProperty({ type: [CoInvestmentSourceDto] }) coInvestments!: CoInvestmentSourceDto[];
  @ApiProperty({ nullable: true, type: Number }) aiJobsPlanned!: number | null;
  @ApiProperty({ type: [MilestoneDto] }) milestones!: MilestoneDto[];
  @ApiProperty() declaresAccuracy!: boolean;
  @ApiProperty() consentsToProcessing!: boolean;
  @ApiProperty() acknowledgesAutomatedScreening!: boolean;
  @ApiProperty({ description: 'The applicant may still change the content' }) editable!: boolean;
  @ApiProperty({ description: 'The applicant may still withdraw the file' }) withdrawable!: boolean;
  @ApiProperty({ type: [SectionStatusDto], description: 'Completion checklist per section' }) checklist!: SectionStatusDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
  @ApiProperty({ type: [TimelineEntryDto], description: 'Every state change' }) timeline!: TimelineEntryDto[];
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] }) screeningOutcome!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) priorityScore!: number | null;

  static fromView(view: ApplicationView): ApplicationDto {
    const a = view.application;
    return {
      ...ApplicationSummaryDto.from(a),
      revision: a.revision,
      description: a.description,
      sectorCode: a.sectorCode,
      useCaseCode: a.useCaseCode,
      aiApproach: a.aiApproach,
      dataAvailable: a.dataAvailable,
      dataDescription: a.dataDescription,
      mlStaffInPlace: a.mlStaffInPlace,
      researchPartners: a.researchPartners,
      totalProjectCostCents: a.totalProjectCostCents,
      otherPublicFundingCents: a.otherPublicFundingCents,
      coInvestments: a.coInvestments,
      aiJobsPlanned: a.aiJobsPlanned,
      milestones: a.milestones,
      declaresAccuracy: a.declaresAccuracy,
      consentsToProcessing: a.consentsToProcessing,
      acknowledgesAutomatedScreening: a.acknowledgesAutomatedScreening,
      editable: view.editable,
      withdrawable: view.withdrawable,
      checklist: view.checklist,
      attachments: view.attachments.map(AttachmentDto.from),
      timeline: view.timeline.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
      screeningOutcome: view.screening?.outcome ?? null,
      priorityScore: view.screening?.score ?? null,
    };
  }
}

export class SubmissionResultDto {
  @ApiProperty({ example: 'FA-2026-000123' }) trackingNumber!: string;
  @ApiProperty({ type: ScreeningDto }) screening!: ScreeningDto;
}

export class SubmittedCopyDto {
  @ApiProperty({ example: 1, description: '1 for the first submission, 2 for a resubmission after changes…' }) sequence!: number;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'organization, application and attachments as submitted' }) content!: Record<string, unknown>;
}
