import { ScreeningInput, ScreeningSettings, requiredPrivateCents } from '@fa/eligibility';

/**
 * Varied, realistic screening inputs for the throughput benchmark, drawn from the program's own
 * settings (regions and their waves, sectors, NAICS prefixes, use cases, ceiling, ratio) with a
 * seeded generator, so every run screens the same set. About 4 in 10 are clean applications;
 * the others carry one defect that the rules send to review (evidence missing for part of the
 * private money, an AI supplier, a NAICS code of another sector) or fail (too many employees,
 * a region closed or not targeted, over the ceiling, an unbalanced budget, a second active file,
 * a malformed NEQ, not enough private money, a NAICS code of no priority sector).
 */
export function screeningInputs(settings: ScreeningSettings, count: number, seed: number): ScreeningInput[] {
  const random = mulberry32(seed);
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const closesOn = settings.intakeClosesOn ?? addDays(settings.intakeOpensOn, 365);
  const intakeDays = daysBetween(settings.intakeOpensOn, closesOn);

  const clean = (index: number): ScreeningInput => {
    const submittedOn = addDays(settings.intakeOpensOn, between(0, intakeDays));
    const open = settings.targetRegions.filter((region) => region.opensOn <= submittedOn);
    const region = pick(open.length > 0 ? open : settings.targetRegions);
    const sector = pick(settings.sectors);
    const naicsCode = sixDigits(pick(sector.naicsPrefixes), between);
    const amountRequestedCents = between(500, 5_000) * 10_000; // 50 000 $ – 500 000 $ (the ceiling), by 100 $
    const privateCents = Math.ceil((requiredPrivateCents(amountRequestedCents, settings.coInvestmentRatioBps) * between(100, 300)) / 100);
    const otherPublicFundingCents = random() < 0.3 ? between(0, 10_000) * 1_000 : 0;
    return {
      submittedOn,
      neq: String(1_140_000_000 + index * 7_919).padStart(10, '0'),
      employees: between(settings.smeMinEmployees, Math.min(settings.smeMaxEmployees, 250)),
      regionCode: region.regionCode,
      naicsCode,
      aiRole: 'ADOPTER',
      sectorCode: sector.code,
      clientSectorCode: null,
      useCaseCode: random() < 0.7 ? pick(sector.useCaseCodes) : null,
      totalProjectCostCents: amountRequestedCents + privateCents + otherPublicFundingCents,
      amountRequestedCents,
      privateDeclaredCents: privateCents,
      privateConfirmedCents: privateCents,
      otherPublicFundingCents,
      aiJobsPlanned: between(0, 20),
      dataAvailable: random() < 0.8,
      mlStaffInPlace: random() < 0.6,
      researchPartnerCount: between(0, 3),
      durationMonths: between(3, 36),
      otherActiveFilesForNeq: 0,
    };
  };

  type Defect = (input: ScreeningInput) => ScreeningInput;
  const toReview: Defect[] = ([
    (input) => {
      const required = requiredPrivateCents(input.amountRequestedCents, settings.coInvestmentRatioBps);
      return { ...input, privateConfirmedCents: Math.floor(required / 2), privateDeclaredCents: Math.max(required, input.privateDeclaredCents) };
    },
    (input) => ({ ...input, aiRole: 'SUPPLIER', naicsCode: sixDigits(pick(settings.aiSupplierNaicsPrefixes), between), clientSectorCode: input.sectorCode }),
    (input) => {
      const other = settings.sectors.filter((sector) => sector.code !== input.sectorCode);
      return other.length > 0 ? { ...input, naicsCode: sixDigits(pick(pick(other).naicsPrefixes), between) } : input;
    },
  ] as Defect[]).map((defect): Defect => (input) => balanced(defect(input)));

  const toFail: Defect[] = [
    (input) => ({ ...input, employees: between(settings.smeMaxEmployees + 1, settings.smeMaxEmployees * 2) }),
    (input) => ({ ...input, regionCode: pick(['01', '08', '09', '10', '11', '14', '15']) }),
    (input) => {
      const later = settings.targetRegions.filter((region) => region.opensOn > settings.intakeOpensOn);
      if (later.length === 0) return { ...input, regionCode: '99' };
      const region = pick(later);
      return { ...input, regionCode: region.regionCode, submittedOn: addDays(region.opensOn, -between(1, daysBetween(settings.intakeOpensOn, region.opensOn))) };
    },
    (input) => balanced({ ...input, amountRequestedCents: settings.grantCeilingCents + between(1, 50_000) * 100 }),
    (input) => ({ ...input, totalProjectCostCents: input.totalProjectCostCents + between(-500, 500) * 100 + 1 }),
    (input) => ({ ...input, otherActiveFilesForNeq: between(1, 2) }),
    (input) => ({ ...input, neq: input.neq.slice(1) }),
    (input) => {
      const required = requiredPrivateCents(input.amountRequestedCents, settings.coInvestmentRatioBps);
      return balanced({ ...input, privateDeclaredCents: Math.floor(required * 0.6), privateConfirmedCents: Math.floor(required * 0.6) });
    },
    (input) => ({ ...input, naicsCode: sixDigits(pick(['1114', '2122', '4451', '7225']), between) }),
  ];

  const inputs: ScreeningInput[] = [];
  for (let index = 0; index < count; index++) {
    const input = clean(index);
    const draw = random();
    inputs.push(draw < 0.4 ? input : draw < 0.7 ? pick(toReview)(input) : pick(toFail)(input));
  }
  return inputs;
}

/** The total cost made equal to the sources again, after a defect changed one of them. */
function balanced(input: ScreeningInput): ScreeningInput {
  return { ...input, totalProjectCostCents: input.amountRequestedCents + input.privateDeclaredCents + input.otherPublicFundingCents };
}

function sixDigits(prefix: string, between: (min: number, max: number) => number): string {
  let code = prefix;
  while (code.length < 6) code += String(between(0, 9));
  return code;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same inputs on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
