import { ProgramOverviewDto } from '@fa/programs';

/** What the home page shows, derived from the program overview (no figure is written in the template). */
export function homePageModel(overview: ProgramOverviewDto) {
  const targetRegionCount = overview.waves.reduce((total, wave) => total + wave.regions.length, 0);
  const openRegionCount = overview.waves.filter((wave) => wave.open).reduce((total, wave) => total + wave.regions.length, 0);
  return {
    asOf: overview.asOf,
    program: overview.program,
    intakeOpen: overview.intakeOpen,
    sectors: overview.sectors.map((sector) => ({ ...sector, prefixList: sector.naicsPrefixes.join(', ') })),
    supplierPrefixList: overview.aiSupplierNaicsPrefixes.join(', '),
    waves: overview.waves,
    openRegionCount,
    targetRegionCount,
    targets: overview.targets.map((target) => ({ ...target, current: target.periodCode === overview.currentPeriodCode })),
  };
}
