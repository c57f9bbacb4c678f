import type { ProgramOverviewDto, ScreeningParametersDto, WaveDto } from '@fa/programs';
import fc from 'fast-check';
import { CO_INVESTMENT_SOURCE_TYPES, CoInvestmentSource } from './application.types';
import { TODAY, aCoInvestment, aCompleteContent, aCompleteProfile, aMilestone, anOrganization } from './intake.fixtures';
import { monthsBetween, screeningInput, screeningSettings } from './screening-input';

describe(monthsBetween.name, () => {
  const sut = monthsBetween;

  it.each([
    ['the same day', '2026-11-23', '2026-11-23', 0],
    ['the next day', '2026-11-23', '2026-11-24', 1],
    ['the day before the same date next month', '2026-11-23', '2026-12-22', 1],
    ['the same date next month', '2026-11-23', '2026-12-23', 1],
    ['the same date next year', '2026-11-23', '2027-11-23', 12],
    ['one day more than a year', '2026-11-23', '2027-11-24', 13],
    ['the end of the year', '2026-12-31', '2027-01-01', 1],
    ['January 31 to February 28', '2027-01-31', '2027-02-28', 1],
    ['January 31 to March 1', '2027-01-31', '2027-03-01', 2],
    ['January 31 to February 29 of a leap year', '2028-01-31', '2028-02-29', 1],
    ['February 28 to March 28', '2027-02-28', '2027-03-28', 1],
    ['February 28 to March 31', '2027-02-28', '2027-03-31', 2],
    ['March 31 to April 30', '2027-03-31', '2027-04-30', 1],
  ])('counts %s (%s → %s) as %p', (_case, from, to, expected) => {
    expect(sut(from, to)).toBe(expected);
  });

  it('counts n whole months (the day clamped to the end of a shorter month) as n, and one day more as n + 1', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map(isoDay);
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (from, months) => {
        const to = addMonthsClamped(from, months);
        return sut(from, to) === months && sut(from, nextDay(to)) === months + 1;
      }),
    );
  });
});

describe(screeningInput.name, () => {
  const sut = screeningInput;
  const organization = anOrganization();
  const profile = aCompleteProfile();

  it('reads the organization, its profile and the application', () => {
    expect(sut(organization, profile, aCompleteContent(), TODAY, 0)).toEqual({
      submittedOn: TODAY,
      neq: '1171234567',
      employees: 40,
      regionCode: '06',
      naicsCode: '332710',
      aiRole: 'ADOPTER',
      sectorCode: 'MANUFACTURING_ROBOTICS',
      clientSectorCode: null,
      useCaseCode: 'REALTIME_QUALITY_INSPECTION',
      totalProjectCostCents: 50_000_000,
      amountRequestedCents: 25_000_000,
      privateDeclaredCents: 25_000_000,
      privateConfirmedCents: 25_000_000,
      otherPublicFundingCents: 0,
      aiJobsPlanned: 5,
      dataAvailable: true,
      mlStaffInPlace: true,
      researchPartnerCount: 1,
      durationMonths: 12,
      otherActiveFilesForNeq: 0,
    });
  });

  it('declares every source but confirms only those with evidence', () => {
    const coInvestments = [
      aCoInvestment({ amountCents: 10_000_000, evidenceAttachmentId: 'letter-bank' }),
      aCoInvestment({ sourceType: 'OWN_FUNDS', amountCents: 5_000_000, evidenceAttachmentId: null }),
      aCoInvestment({ sourceType: 'PRIVATE_INVESTOR', amountCents: 7_500_000, evidenceAttachmentId: 'letter-investor' }),
    ];
    const input = sut(organization, profile, aCompleteContent({ coInvestments }), TODAY, 0);
    expect(input.privateDeclaredCents).toBe(22_500_000);
    expect(input.privateConfirmedCents).toBe(17_500_000);
  });

  it('confirms nothing when no source has evidence', () => {
    const input = sut(organization, profile, aCompleteContent({ coInvestments: [aCoInvestment({ evidenceAttachmentId: null })] }), TODAY, 0);
    expect(input).toMatchObject({ privateDeclaredCents: 25_000_000, privateConfirmedCents: 0 });
  });

  it('never confirms more than is declared', () => {
    const source: fc.Arbitrary<CoInvestmentSource> = fc.record({
      sourceName: fc.string(),
      sourceType: fc.constantFrom(...CO_INVESTMENT_SOURCE_TYPES),
      amountCents: fc.integer({ min: 0, max: 100_000_000_000 }),
      evidenceAttachmentId: fc.option(fc.uuid(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(source, { maxLength: 20 }), (coInvestments) => {
        const input = sut(organization, profile, aCompleteContent({ coInvestments }), TODAY, 0);
        return input.privateConfirmedCents <= input.privateDeclaredCents;
      }),
    );
  });

  it.each([
    ['in order', ['2027-05-23', '2027-11-24']],
    ['latest first', ['2027-11-24', '2027-05-23']],
    ['latest in the middle', ['2027-05-23', '2027-11-24', '2027-02-01']],
  ])('lasts until the latest milestone, %s', (_order, dueDates) => {
    const milestones = dueDates.map((dueOn) => aMilestone({ dueOn }));
    expect(sut(organization, profile, aCompleteContent({ milestones }), TODAY, 0).durationMonths).toBe(13);
  });

  it('compares due dates as dates across years and months', () => {
    const milestones = [aMilestone({ dueOn: '2028-01-10' }), aMilestone({ dueOn: '2027-12-31' })];
    expect(sut(organization, profile, aCompleteContent({ milestones }), TODAY, 0).durationMonths).toBe(14);
  });

  it('reads OTHER as no flagship use case', () => {
    expect(sut(organization, profile, aCompleteContent({ useCaseCode: 'OTHER' }), TODAY, 0).useCaseCode).toBeNull();
  });

  it('counts the research partners', () => {
    const count = (researchPartners: string[]) => sut(organization, profile, aCompleteContent({ researchPartners }), TODAY, 0).researchPartnerCount;
    expect(count([])).toBe(0);
    expect(count(['CRIM', 'Mila', 'IVADO'])).toBe(3);
  });

  it('passes the supplier role and its client sector, and the other active files of the NEQ', () => {
    const supplier = aCompleteProfile({ aiRole: 'SUPPLIER', clientSectorCode: 'HEALTH_AI', naicsCode: '541510' });
    expect(sut(organization, supplier, aCompleteContent(), TODAY, 2)).toMatchObject({
      aiRole: 'SUPPLIER',
      clientSectorCode: 'HEALTH_AI',
      naicsCode: '541510',
      otherActiveFilesForNeq: 2,
    });
  });

  it('reads false answers as false', () => {
    expect(sut(organization, profile, aCompleteContent({ dataAvailable: false, mlStaffInPlace: false }), TODAY, 0)).toMatchObject({
      dataAvailable: false,
      mlStaffInPlace: false,
    });
  });
});

describe(screeningSettings.name, () => {
  const sut = screeningSettings;

  it('gives the program figures, the sectors with their use-case codes and the parameters', () => {
    expect(sut(anOverview(), someParameters())).toEqual({
      grantCeilingCents: 50_000_000,
      coInvestmentRatioBps: 10_000,
      smeMinEmployees: 1,
      smeMaxEmployees: 499,
      intakeOpensOn: '2026-07-01',
      intakeClosesOn: '2027-04-17',
      targetRegions: expect.any(Array),
      sectors: [
        {
          code: 'MANUFACTURING_ROBOTICS',
          labelFr: 'Robotique manufacturière',
          labelEn: 'Manufacturing robotics',
          naicsPrefixes: ['31', '32', '33'],
          useCaseCodes: ['REALTIME_QUALITY_INSPECTION', 'PREDICTIVE_LINE_MAINTENANCE'],
        },
      ],
      aiSupplierNaicsPrefixes: ['5415', '5417'],
      weights: { leverage: 25, jobs: 25, useCaseFit: 15, readiness: 15, regionWave: 10, duration: 10 },
      leverageCapBps: 30_000,
      fullScoreJobsPer100kHundredths: 300,
      fullScoreDurationMonths: 12,
    });
  });

  it("flattens the waves into target regions, each with its wave's opening date, open or not", () => {
    expect(sut(anOverview(), someParameters()).targetRegions).toEqual([
      { regionCode: '06', regionNameFr: 'Montréal', regionNameEn: 'Montréal', waveNumber: 1, opensOn: '2026-07-01' },
      { regionCode: '05', regionNameFr: 'Estrie', regionNameEn: 'Estrie', waveNumber: 1, opensOn: '2026-07-01' },
      { regionCode: '03', regionNameFr: 'Capitale-Nationale', regionNameEn: 'Capitale-Nationale', waveNumber: 2, opensOn: '2026-10-14' },
      { regionCode: '16', regionNameFr: 'Montérégie', regionNameEn: 'Montérégie', waveNumber: 3, opensOn: '2027-01-12' },
    ]);
  });

  it('has no target region when there is no wave, and keeps an open-ended intake', () => {
    const overview = anOverview();
    overview.waves = [];
    overview.program.intakeClosesOn = null;
    expect(sut(overview, someParameters())).toMatchObject({ targetRegions: [], intakeClosesOn: null });
  });
});

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `day` plus `months` months; a day the month lacks becomes its last day (January 31 + 1 → February 28). */
function addMonthsClamped(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return isoDay(new Date(Date.UTC(y, m - 1, Math.min(date, daysInMonth(y, m)))));
}

function nextDay(day: string): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

function wave(waveNumber: number, opensOn: string, open: boolean, regions: Array<[code: string, name: string]>): WaveDto {
  return {
    waveNumber,
    nameFr: `Vague ${waveNumber}`,
    nameEn: `Wave ${waveNumber}`,
    opensOn,
    open,
    regions: regions.map(([code, name]) => ({ code, nameFr: name, nameEn: name })),
  };
}

/** FA-2026 as of 2026-11-22, cut down: waves 1 and 2 open, wave 3 not yet. */
function anOverview(): ProgramOverviewDto {
  return {
    asOf: '2026-11-22',
    program: {
      code: 'FA-2026',
      nameFr: 'Fonds Accélération – Vallée du Saint-Laurent IA',
      nameEn: 'Acceleration Fund – St. Lawrence Valley AI',
      shortNameFr: 'Fonds Accélération',
      shortNameEn: 'Acceleration Fund',
      operatorName: 'Investissement Québec',
      currency: 'CAD',
      envelopeCents: 1_500_000_000,
      grantCeilingCents: 50_000_000,
      coInvestmentRatioBps: 10_000,
      roadmapStartDate: '2026-04-17',
      launchDate: '2026-07-01',
      intakeOpensOn: '2026-07-01',
      intakeClosesOn: '2027-04-17',
      updatedAt: '2026-04-17T00:00:00.000Z',
      settingsVersion: 1,
    },
    intakeOpen: true,
    waves: [
      wave(1, '2026-07-01', true, [
        ['06', 'Montréal'],
        ['05', 'Estrie'],
      ]),
      wave(2, '2026-10-14', true, [['03', 'Capitale-Nationale']]),
      wave(3, '2027-01-12', false, [['16', 'Montérégie']]),
    ],
    sectors: [
      {
        code: 'MANUFACTURING_ROBOTICS',
        labelFr: 'Robotique manufacturière',
        labelEn: 'Manufacturing robotics',
        naicsPrefixes: ['31', '32', '33'],
        useCases: [
          { code: 'REALTIME_QUALITY_INSPECTION', labelFr: 'Inspection qualité en temps réel', labelEn: 'Real-time quality inspection' },
          { code: 'PREDICTIVE_LINE_MAINTENANCE', labelFr: 'Maintenance prédictive', labelEn: 'Predictive line maintenance' },
        ],
      },
    ],
    aiSupplierNaicsPrefixes: ['5415', '5417'],
    targets: [],
    currentPeriodCode: 'T3',
  };
}

function someParameters(): ScreeningParametersDto {
  return {
    ruleSetVersion: '2026.1',
    smeMinEmployees: 1,
    smeMaxEmployees: 499,
    leverageCapBps: 30_000,
    fullScoreJobsPer100kHundredths: 300,
    fullScoreDurationMonths: 12,
    weights: { leverage: 25, jobs: 25, useCaseFit: 15, readiness: 15, regionWave: 10, duration: 10 },
    attachmentMaxBytes: 10_485_760,
    attachmentMaxCount: 20,
  };
}
