import fc from 'fast-check';
import { RULE_SET_2026_1 } from './rule-sets';
import {
  amountWithinCeiling,
  balancedBudget,
  neqIdentified,
  oneActiveFilePerEnterprise,
  openTargetRegion,
  prioritySector,
  privateCoInvestment,
  requiredPrivateCents,
  smallOrMediumEnterprise,
} from './rules';
import { aScreeningInput, fa2026Settings } from './screening.fixtures';
import { RuleResult } from './screening.types';

// Intl puts narrow no-break spaces (U+202F) and no-break spaces (U+00A0) in French figures.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const messages = (result: RuleResult) => ({ fr: plain(result.message.fr), en: plain(result.message.en) });

const settings = fa2026Settings();

describe('rules of rule set 2026.1', () => {
  it('pass the default FA-2026 application, every one of them', () => {
    const input = aScreeningInput();
    expect(RULE_SET_2026_1.rules.map((rule) => rule(input, settings).verdict)).toEqual(Array(8).fill('PASS'));
  });
});

describe(neqIdentified.name, () => {
  const sut = neqIdentified;

  it('passes a 10-digit NEQ and names it', () => {
    const result = sut(aScreeningInput({ neq: '1171234567' }), settings);
    expect(result).toMatchObject({ ruleId: 'E1', verdict: 'PASS', figures: { neq: '1171234567' } });
    expect(result.message.fr).toContain('1171234567');
    expect(result.message.en).toContain('1171234567');
  });

  it.each([
    ['9 digits', '117123456'],
    ['11 digits', '11712345678'],
    ['a letter', '117123456A'],
    ['only letters', 'ABCDEFGHIJ'],
    ['spaces', '1171 234 567'],
    ['a trailing newline', '1171234567\n'],
    ['full-width digits', '１１７１２３４５６７'],
    ['nothing', ''],
  ])('fails an NEQ with %s', (_, neq) => {
    const result = sut(aScreeningInput({ neq }), settings);
    expect(result.verdict).toBe('FAIL');
    expect(result.message.en).toContain(`"${neq}"`);
  });
});

describe(smallOrMediumEnterprise.name, () => {
  const sut = smallOrMediumEnterprise;

  it.each([
    [0, 'FAIL'],
    [1, 'PASS'],
    [40, 'PASS'],
    [499, 'PASS'],
    [500, 'FAIL'],
    [-1, 'FAIL'],
    [12.5, 'FAIL'],
  ])('gives %p employees %s (SME: 1 to 499)', (employees, verdict) => {
    expect(sut(aScreeningInput({ employees }), settings).verdict).toBe(verdict);
  });

  it('names the head count and the bounds it was compared with', () => {
    const result = sut(aScreeningInput({ employees: 500 }), settings);
    expect(result.message).toEqual({ fr: '500 employés : une PME compte de 1 à 499 employés.', en: '500 employees: an SME has 1 to 499 employees.' });
    expect(result.figures).toEqual({ employees: 500, smeMinEmployees: 1, smeMaxEmployees: 499 });
  });

  it('reads its bounds from the settings', () => {
    const narrower = fa2026Settings({ smeMinEmployees: 5, smeMaxEmployees: 249 });
    expect(sut(aScreeningInput({ employees: 4 }), narrower).verdict).toBe('FAIL');
    expect(sut(aScreeningInput({ employees: 5 }), narrower).verdict).toBe('PASS');
    expect(sut(aScreeningInput({ employees: 249 }), narrower).verdict).toBe('PASS');
    expect(sut(aScreeningInput({ employees: 250 }), narrower).verdict).toBe('FAIL');
  });
});

describe(openTargetRegion.name, () => {
  const sut = openTargetRegion;
  const on = (regionCode: string, submittedOn: string) => sut(aScreeningInput({ regionCode, submittedOn }), settings);

  it.each(['06', '05', '17'])('opens wave 1 region %s on launch day, 2026-07-01', (regionCode) => {
    expect(on(regionCode, '2026-07-01').verdict).toBe('PASS');
  });

  it.each(['03', '02', '04'])('fails wave 2 region %s on 2026-10-13 and passes it on 2026-10-14', (regionCode) => {
    expect(on(regionCode, '2026-10-13').verdict).toBe('FAIL');
    expect(on(regionCode, '2026-10-14').verdict).toBe('PASS');
  });

  it.each(['16', '12', '13', '07'])('fails wave 3 region %s on 2027-01-11 and passes it on 2027-01-12', (regionCode) => {
    expect(on(regionCode, '2027-01-11').verdict).toBe('FAIL');
    expect(on(regionCode, '2027-01-12').verdict).toBe('PASS');
  });

  it('names the region, its wave and both dates when the wave is not open yet', () => {
    const result = on('03', '2026-10-13');
    expect(result.message).toEqual({
      fr: 'Capitale-Nationale (vague 2) ouvre le 14 octobre 2026; demande déposée le 13 octobre 2026.',
      en: 'Capitale-Nationale (wave 2) opens on October 14, 2026; application submitted on October 13, 2026.',
    });
    expect(result.figures).toEqual({ regionCode: '03', submittedOn: '2026-10-13', opensOn: '2026-10-14', waveNumber: 2 });
  });

  it.each(['01', '08', '09', '10', '11', '14', '15'])('fails region %s, which is not a target region', (regionCode) => {
    const result = on(regionCode, '2027-02-01');
    expect(result.verdict).toBe('FAIL');
    expect(result.message.fr).toContain(`La région ${regionCode} ne fait pas partie des régions cibles`);
    expect(result.figures).toMatchObject({ opensOn: null, waveNumber: null });
  });

  it('fails outside the intake window, even in a wave 1 region', () => {
    expect(on('06', '2026-06-30').verdict).toBe('FAIL');
    expect(on('06', '2027-04-17').verdict).toBe('PASS');
    const late = on('06', '2027-04-18');
    expect(late.verdict).toBe('FAIL');
    expect(late.message).toEqual({ fr: 'Le programme ne reçoit pas de demandes le 18 avril 2027.', en: 'The program does not take applications on April 18, 2027.' });
  });

  it('keeps intake open without a closing date', () => {
    const openEnded = fa2026Settings({ intakeClosesOn: null });
    expect(sut(aScreeningInput({ regionCode: '07', submittedOn: '2030-01-01' }), openEnded).verdict).toBe('PASS');
  });
});

describe(prioritySector.name, () => {
  const sut = prioritySector;
  const adopter = (naicsCode: string, sectorCode: string) => sut(aScreeningInput({ naicsCode, sectorCode, aiRole: 'ADOPTER' }), settings);
  const supplier = (naicsCode: string, clientSectorCode: string | null, sectorCode = 'MANUFACTURING_ROBOTICS') =>
    sut(aScreeningInput({ naicsCode, sectorCode, clientSectorCode, aiRole: 'SUPPLIER' }), settings);

  it.each([
    ['311814', 'MANUFACTURING_ROBOTICS'],
    ['326198', 'MANUFACTURING_ROBOTICS'],
    ['332710', 'MANUFACTURING_ROBOTICS'],
    ['236220', 'CONSTRUCTION_AI'],
    ['541330', 'CONSTRUCTION_AI'],
    ['621510', 'HEALTH_AI'],
    ['339112', 'HEALTH_AI'],
    ['325410', 'HEALTH_AI'],
  ])('passes an adopter with NAICS %s in %s', (naicsCode, sectorCode) => {
    expect(adopter(naicsCode, sectorCode).verdict).toBe('PASS');
  });

  it('names the NAICS code, the sector and its prefixes when it passes', () => {
    expect(adopter('541330', 'CONSTRUCTION_AI').message).toEqual({
      fr: 'SCIAN 541330 appartient au secteur Construction IA (23, 5413).',
      en: 'NAICS 541330 belongs to Construction AI (23, 5413).',
    });
  });

  it('sends to review an adopter whose NAICS belongs to another priority sector than the one declared', () => {
    const result = adopter('621510', 'MANUFACTURING_ROBOTICS');
    expect(result.verdict).toBe('NEEDS_REVIEW');
    expect(result.message.fr).toBe('SCIAN 621510 relève du secteur Santé IA, mais le projet se déclare Robotique manufacturière.');
    expect(result.message.en).toBe('NAICS 621510 belongs to Health AI, but the project declares Manufacturing robotics.');
    expect(adopter('236220', 'HEALTH_AI').verdict).toBe('NEEDS_REVIEW');
  });

  it.each(['441110', '111110', '522110', '541510'])('fails an adopter with NAICS %s, in no priority sector', (naicsCode) => {
    const result = adopter(naicsCode, 'MANUFACTURING_ROBOTICS');
    expect(result.verdict).toBe('FAIL');
    expect(result.message.en).toBe(`NAICS ${naicsCode} is in no priority sector (Manufacturing robotics: 31, 32, 33).`);
  });

  it('fails a sector that is not a priority sector', () => {
    const result = adopter('332710', 'RETAIL_AI');
    expect(result.verdict).toBe('FAIL');
    expect(result.message.fr).toBe('Le secteur « RETAIL_AI » n’est pas un secteur prioritaire.');
  });

  it.each(['541510', '541514', '541715'])('sends to review an AI supplier (NAICS %s) whose adopting client is in the sector', (naicsCode) => {
    const result = supplier(naicsCode, 'MANUFACTURING_ROBOTICS');
    expect(result.verdict).toBe('NEEDS_REVIEW');
    expect(result.message.en).toBe(`AI supplier (NAICS ${naicsCode}) for a client in Manufacturing robotics: a person checks this link.`);
  });

  it('fails an AI supplier whose adopting client is missing or in another sector', () => {
    expect(supplier('541510', null).verdict).toBe('FAIL');
    const other = supplier('541510', 'HEALTH_AI');
    expect(other.verdict).toBe('FAIL');
    expect(other.message.fr).toBe('Le client adoptant doit être du secteur Robotique manufacturière.');
  });

  it('fails a supplier without an AI supplier NAICS code, even one in the sector itself', () => {
    expect(supplier('541330', 'CONSTRUCTION_AI', 'CONSTRUCTION_AI').verdict).toBe('FAIL');
    const manufacturer = supplier('332710', 'MANUFACTURING_ROBOTICS');
    expect(manufacturer.verdict).toBe('FAIL');
    expect(manufacturer.message.en).toBe('NAICS 332710 is not an AI supplier code (5415, 5417).');
  });

  it('never passes an AI supplier automatically', () => {
    const sectors = ['MANUFACTURING_ROBOTICS', 'CONSTRUCTION_AI', 'HEALTH_AI', 'RETAIL_AI'];
    fc.assert(
      fc.property(
        fc.constantFrom('541510', '541715', '332710', '236220', '541330', '621510', '441110'),
        fc.constantFrom(...sectors),
        fc.constantFrom(null, ...sectors),
        (naicsCode, sectorCode, clientSectorCode) => supplier(naicsCode, clientSectorCode, sectorCode).verdict !== 'PASS',
      ),
    );
  });
});

describe(amountWithinCeiling.name, () => {
  const sut = amountWithinCeiling;

  it.each([
    [-1, 'FAIL'],
    [0, 'FAIL'],
    [1, 'PASS'],
    [50_000_000, 'PASS'],
    [50_000_001, 'FAIL'],
  ])('gives %p cents requested %s (ceiling 500 000,00 $)', (amountRequestedCents, verdict) => {
    expect(sut(aScreeningInput({ amountRequestedCents }), settings).verdict).toBe(verdict);
  });

  it('names the amount and the ceiling', () => {
    expect(messages(sut(aScreeningInput({ amountRequestedCents: 50_000_001 }), settings))).toEqual({
      fr: 'Montant demandé 500 000,01 $ > plafond 500 000,00 $.',
      en: 'Amount requested $500,000.01 > ceiling $500,000.00.',
    });
    expect(messages(sut(aScreeningInput({ amountRequestedCents: 50_000_000 }), settings))).toEqual({
      fr: 'Montant demandé 500 000,00 $ ≤ plafond 500 000,00 $.',
      en: 'Amount requested $500,000.00 ≤ ceiling $500,000.00.',
    });
    expect(messages(sut(aScreeningInput({ amountRequestedCents: 0 }), settings)).en).toBe('Amount requested $0.00: it must be more than zero.');
  });

  it('reads the ceiling from the settings', () => {
    const lower = fa2026Settings({ grantCeilingCents: 6_000_000 });
    expect(sut(aScreeningInput({ amountRequestedCents: 6_000_000 }), lower).verdict).toBe('PASS');
    expect(sut(aScreeningInput({ amountRequestedCents: 6_000_001 }), lower).verdict).toBe('FAIL');
  });
});

describe(requiredPrivateCents.name, () => {
  it('asks 1:1 for 10 000 bps', () => {
    expect(requiredPrivateCents(25_000_000, 10_000)).toBe(25_000_000);
    expect(requiredPrivateCents(1, 10_000)).toBe(1);
  });

  it('rounds up to the cent for 1.5:1 on odd amounts', () => {
    expect(requiredPrivateCents(2, 15_000)).toBe(3);
    expect(requiredPrivateCents(3, 15_000)).toBe(5); // 4.5 cents
    expect(requiredPrivateCents(25_000_001, 15_000)).toBe(37_500_002); // 37 500 001.5 cents
  });

  it('asks nothing for nothing, or less than nothing', () => {
    expect(requiredPrivateCents(0, 10_000)).toBe(0);
    expect(requiredPrivateCents(-500, 10_000)).toBe(0);
  });

  it('is the smallest number of cents at least ratio × requested, without float error', () => {
    // Up to a 10:1 ratio, on requests small enough that the answer is still a safe integer.
    const requestedCents = fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 10) });
    fc.assert(
      fc.property(requestedCents, fc.integer({ min: 0, max: 100_000 }), (requested, bps) => {
        const required = BigInt(requiredPrivateCents(requested, bps));
        const exact = BigInt(requested) * BigInt(bps);
        return required * 10_000n >= exact && (required === 0n || (required - 1n) * 10_000n < exact);
      }),
    );
  });
});

describe(privateCoInvestment.name, () => {
  const sut = privateCoInvestment;
  const withPrivate = (amountRequestedCents: number, privateDeclaredCents: number, privateConfirmedCents: number) =>
    aScreeningInput({ amountRequestedCents, privateDeclaredCents, privateConfirmedCents });

  it('passes confirmed private money of exactly 1:1', () => {
    const result = sut(withPrivate(25_000_000, 25_000_000, 25_000_000), settings);
    expect(result.verdict).toBe('PASS');
    expect(messages(result)).toEqual({
      fr: 'Co-investissement privé confirmé 250 000,00 $ ≥ 250 000,00 $ requis.',
      en: 'Confirmed private co-investment $250,000.00 ≥ $250,000.00 required.',
    });
  });

  it('fails private money one cent short of 1:1', () => {
    expect(sut(withPrivate(25_000_000, 24_999_999, 24_999_999), settings).verdict).toBe('FAIL');
  });

  it('sends to review when enough is declared but not all of it is confirmed', () => {
    const result = sut(withPrivate(25_000_000, 25_000_000, 24_999_999), settings);
    expect(result.verdict).toBe('NEEDS_REVIEW');
    expect(messages(result).fr).toBe(
      'Co-investissement privé confirmé 249 999,99 $ < 250 000,00 $ requis; 250 000,00 $ déclarés, dont une partie sans preuve d’engagement.',
    );
    expect(messages(result).en).toBe(
      'Confirmed private co-investment $249,999.99 < $250,000.00 required; $250,000.00 declared, part of it without commitment evidence.',
    );
  });

  it('names the declared and the required amounts when it fails (180 000,00 $ < 250 000,00 $)', () => {
    const result = sut(withPrivate(25_000_000, 18_000_000, 18_000_000), settings);
    expect(result.verdict).toBe('FAIL');
    expect(messages(result).fr).toContain('180 000,00 $');
    expect(messages(result).fr).toContain('250 000,00 $');
    expect(messages(result)).toEqual({
      fr: 'Co-investissement privé 180 000,00 $ < 250 000,00 $ requis.',
      en: 'Private co-investment $180,000.00 < $250,000.00 required.',
    });
    expect(result.figures).toEqual({
      privateConfirmedCents: 18_000_000,
      privateDeclaredCents: 18_000_000,
      requiredPrivateCents: 25_000_000,
      amountRequestedCents: 25_000_000,
      coInvestmentRatioBps: 10_000,
    });
  });

  it('applies a 1.5:1 ratio rounded up to the cent on an odd amount', () => {
    const ratio = fa2026Settings({ coInvestmentRatioBps: 15_000 });
    // 1.5 × 250 000,01 $ = 375 000,015 $, so 375 000,02 $ are required.
    const exact = sut(withPrivate(25_000_001, 37_500_002, 37_500_002), ratio);
    expect(exact.verdict).toBe('PASS');
    expect(exact.figures.requiredPrivateCents).toBe(37_500_002);
    expect(plain(exact.title.fr)).toBe('Co-investissement privé d’au moins 1,5:1');
    expect(exact.title.en).toBe('Private co-investment of at least 1.5:1');
    expect(sut(withPrivate(25_000_001, 37_500_001, 37_500_001), ratio).verdict).toBe('FAIL');
    expect(sut(withPrivate(25_000_001, 37_500_002, 37_500_001), ratio).verdict).toBe('NEEDS_REVIEW');
    expect(sut(withPrivate(3, 5, 5), ratio).verdict).toBe('PASS');
    expect(sut(withPrivate(3, 4, 4), ratio).verdict).toBe('FAIL');
  });
});

describe(balancedBudget.name, () => {
  const sut = balancedBudget;

  it('passes a budget that balances to the cent', () => {
    expect(sut(aScreeningInput(), settings).verdict).toBe('PASS');
    const withOtherPublic = aScreeningInput({ otherPublicFundingCents: 5_000_001, totalProjectCostCents: 55_000_001 });
    expect(sut(withOtherPublic, settings).verdict).toBe('PASS');
  });

  it.each([
    [49_999_999, -1],
    [50_000_001, 1],
  ])('fails a total cost of %p cents, one cent off the sources (difference %p)', (totalProjectCostCents, differenceCents) => {
    const result = sut(aScreeningInput({ totalProjectCostCents }), settings);
    expect(result.verdict).toBe('FAIL');
    expect(result.figures.differenceCents).toBe(differenceCents);
  });

  it('names the total cost and the sum of the sources', () => {
    expect(messages(sut(aScreeningInput({ totalProjectCostCents: 50_000_001 }), settings))).toEqual({
      fr: 'Coût total 500 000,01 $ ≠ demandé + privé + autre financement public (500 000,00 $).',
      en: 'Total cost $500,000.01 ≠ requested + private + other public funding ($500,000.00).',
    });
  });

  it('counts declared private money, confirmed or not', () => {
    expect(sut(aScreeningInput({ privateConfirmedCents: 0 }), settings).verdict).toBe('PASS');
  });
});

describe(oneActiveFilePerEnterprise.name, () => {
  const sut = oneActiveFilePerEnterprise;

  it('passes when the NEQ has no other active file', () => {
    expect(sut(aScreeningInput({ otherActiveFilesForNeq: 0 }), settings).verdict).toBe('PASS');
  });

  it.each([1, 2])('fails a second application for the same NEQ (%p other active)', (otherActiveFilesForNeq) => {
    const result = sut(aScreeningInput({ otherActiveFilesForNeq }), settings);
    expect(result.verdict).toBe('FAIL');
    expect(result.message.fr).toBe(`${otherActiveFilesForNeq} autre(s) demande(s) ou entente(s) active(s) pour le NEQ 1171234567.`);
    expect(result.figures).toEqual({ neq: '1171234567', otherActiveFilesForNeq });
  });
});
