import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@fa/shared';
import { ProgramOverviewDto, RegionDto, SectorDto, WaveDto } from './dto/program-overview.dto';
import { ProgramSettingsDto } from './dto/program-settings.dto';
import { ScreeningParametersDto } from './dto/screening-parameters.dto';
import { currentPeriod, isIntakeOpen, isWaveOpen } from './program-calendar';
import { ProgramReference, ProgramRepository } from './program.repository';
import { ProgramsError } from './programs.error';

/** Reads the fund's settings; nothing in the portal or the rules hard-codes a figure. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly programs: ProgramRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async getSettings(code: string): Promise<ProgramSettingsDto> {
    const program = await this.programs.findProgram(code);
    if (!program) throw ProgramsError.programNotFound(code);
    return ProgramSettingsDto.from(program);
  }

  /** The screening's limits and weights and the attachment limits of a program. */
  async getScreeningParameters(code: string): Promise<ScreeningParametersDto> {
    const parameters = await this.programs.findScreeningParameters(code);
    if (!parameters) throw ProgramsError.programNotFound(code);
    return parameters;
  }

  async listRegions(): Promise<RegionDto[]> {
    const regions = await this.programs.findRegions();
    return regions.map(({ code, nameFr, nameEn }) => ({ code, nameFr, nameEn }));
  }

  /** The program as of `asOf` (default: today in the platform time zone). */
  async getOverview(code: string, asOf = this.clock.today(this.config.APP_TIME_ZONE)): Promise<ProgramOverviewDto> {
    const [reference, regions] = await Promise.all([this.programs.findReference(code), this.programs.findRegions()]);
    if (!reference) throw ProgramsError.programNotFound(code);
    const regionsByCode = new Map(regions.map((region) => [region.code, region]));
    const period = currentPeriod(reference.targets, asOf);
    return {
      asOf,
      program: ProgramSettingsDto.from(reference.program),
      intakeOpen: isIntakeOpen(reference.program, asOf),
      waves: this.waves(reference, regionsByCode, asOf),
      sectors: this.sectors(reference),
      aiSupplierNaicsPrefixes: reference.supplierPrefixes.map((row) => row.prefix),
      targets: reference.targets.map(({ periodCode, labelFr, labelEn, startsOn, endsOn, smesFunded, aiJobs }) => ({
        periodCode, labelFr, labelEn, startsOn, endsOn, smesFunded, aiJobs,
      })),
      currentPeriodCode: period?.periodCode ?? null,
    };
  }

  private waves(reference: ProgramReference, regionsByCode: Map<string, RegionDto>, asOf: string): WaveDto[] {
    return reference.waves.map((wave) => ({
      waveNumber: wave.waveNumber,
      nameFr: wave.nameFr,
      nameEn: wave.nameEn,
      opensOn: wave.opensOn,
      open: isWaveOpen(wave, reference.program, asOf),
      regions: reference.targetRegions
        .filter((target) => target.waveNumber === wave.waveNumber)
        .map((target) => {
          const region = regionsByCode.get(target.regionCode);
          return { code: target.regionCode, nameFr: region?.nameFr ?? target.regionCode, nameEn: region?.nameEn ?? target.regionCode };
        }),
    }));
  }

  private sectors(reference: ProgramReference): SectorDto[] {
    return reference.sectors.map((sector) => ({
      code: sector.code,
      labelFr: sector.labelFr,
      labelEn: sector.labelEn,
      naicsPrefixes: reference.sectorPrefixes
        .filter((row) => row.sectorCode === sector.code)
        .map((row) => row.prefix)
        .sort((a, b) => a.length - b.length || a.localeCompare(b)),
      useCases: reference.useCases
        .filter((useCase) => useCase.sectorCode === sector.code)
        .map(({ code, labelFr, labelEn }) => ({ code, labelFr, labelEn })),
    }));
  }
}
