import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Locale } from '@fa/shared';
import { ProgramsService } from '@fa/programs';

/** The program's lists, labelled in the page's language, for the selects of the intake forms. */
@Injectable()
export class IntakePageOptions {
  constructor(
    private readonly programs: ProgramsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forForms(locale: Locale) {
    const [overview, regions] = await Promise.all([this.programs.getOverview(this.config.PROGRAM_CODE), this.programs.listRegions()]);
    const label = (row: { labelFr: string; labelEn: string }) => (locale === 'fr' ? row.labelFr : row.labelEn);
    return {
      regions: regions.map((region) => ({ code: region.code, name: `${region.code} — ${locale === 'fr' ? region.nameFr : region.nameEn}` })),
      sectors: overview.sectors.map((sector) => ({ code: sector.code, label: label(sector), useCases: sector.useCases.map((useCase) => ({ code: useCase.code, label: label(useCase) })) })),
    };
  }
}
