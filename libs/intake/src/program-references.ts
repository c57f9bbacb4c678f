import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, FieldProblem } from '@fa/shared';
import { ProgramOverviewDto, ProgramsService } from '@fa/programs';
import { ApplicationPatch, AttachmentCategory, OTHER_USE_CASE, OrganizationProfilePatch } from './application.types';
import { IntakeError, IntakeErrorCode } from './intake.error';

/**
 * Checks the codes an applicant chose (sector, use case, client sector) against the program's
 * settings. Field types and ranges are checked at the edge; these need the program.
 */
@Injectable()
export class ProgramReferences {
  constructor(
    private readonly programs: ProgramsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get programCode(): string {
    return this.config.PROGRAM_CODE;
  }

  overview(): Promise<ProgramOverviewDto> {
    return this.programs.getOverview(this.config.PROGRAM_CODE);
  }

  /** Reads the program (its own read transaction): call it before the use case's transaction, then `checkApplication` inside. */
  async checkApplication(
    patch: ApplicationPatch,
    current: { sectorCode: string | null; useCaseCode: string | null },
    attachments: Map<string, AttachmentCategory>,
    overview: ProgramOverviewDto,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    const sectorCode = patch.sectorCode !== undefined ? patch.sectorCode : current.sectorCode;
    const useCaseCode = patch.useCaseCode !== undefined ? patch.useCaseCode : current.useCaseCode;
    const sector = overview.sectors.find((candidate) => candidate.code === sectorCode);
    if (patch.sectorCode !== undefined && patch.sectorCode !== null && !sector) problems.push({ field: 'sectorCode', problems: ['UNKNOWN_SECTOR'] });
    const useCaseOk = useCaseCode === null || useCaseCode === OTHER_USE_CASE || (sector?.useCases.some((useCase) => useCase.code === useCaseCode) ?? false);
    if ((patch.useCaseCode !== undefined || patch.sectorCode !== undefined) && !useCaseOk) problems.push({ field: 'useCaseCode', problems: ['USE_CASE_NOT_IN_SECTOR'] });
    (patch.coInvestments ?? []).forEach((source, index) => {
      if (source.evidenceAttachmentId === null) return;
      // Only a document filed as commitment evidence confirms private money (rule E6).
      const category = attachments.get(source.evidenceAttachmentId);
      if (category !== 'CO_INVESTMENT_EVIDENCE') {
        problems.push({ field: `coInvestments.${index}.evidenceAttachmentId`, problems: [category ? 'NOT_COMMITMENT_EVIDENCE' : 'UNKNOWN_ATTACHMENT'] });
      }
    });
    this.throwIfAny(problems);
  }

  async checkProfile(patch: OrganizationProfilePatch): Promise<void> {
    if (patch.clientSectorCode === undefined || patch.clientSectorCode === null) return;
    const overview = await this.overview();
    if (!overview.sectors.some((sector) => sector.code === patch.clientSectorCode)) {
      this.throwIfAny([{ field: 'clientSectorCode', problems: ['UNKNOWN_SECTOR'] }]);
    }
  }

  private throwIfAny(problems: FieldProblem[]): void {
    if (problems.length > 0) {
      throw new IntakeError(IntakeErrorCode.INVALID_REFERENCE, 'Some codes are not those of the program.', { fields: problems });
    }
  }
}
