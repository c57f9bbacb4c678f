import { bilingual, dateText, moneyText, ratioText } from './figures';
import { RuleResult, ScreeningInput, ScreeningSettings } from './screening.types';

/**
 * Rules E1–E8 of rule set 2026.1 (fund-rules.md §4). Each is a pure function of what the
 * applicant declared and the program settings, and names the figures it used.
 */
export type Rule = (input: ScreeningInput, settings: ScreeningSettings) => RuleResult;

export const neqIdentified: Rule = (input) => {
  const valid = /^[0-9]{10}$/.test(input.neq);
  return {
    ruleId: 'E1',
    verdict: valid ? 'PASS' : 'FAIL',
    title: bilingual("Entreprise identifiée par son NEQ", 'Enterprise identified by its NEQ'),
    message: valid
      ? bilingual(`NEQ ${input.neq} : 10 chiffres.`, `NEQ ${input.neq}: 10 digits.`)
      : bilingual(`Le NEQ « ${input.neq} » n’a pas 10 chiffres.`, `The NEQ "${input.neq}" does not have 10 digits.`),
    figures: { neq: input.neq },
  };
};

export const smallOrMediumEnterprise: Rule = (input, settings) => {
  const { smeMinEmployees: min, smeMaxEmployees: max } = settings;
  const n = input.employees;
  const pass = Number.isInteger(n) && n >= min && n <= max;
  return {
    ruleId: 'E2',
    verdict: pass ? 'PASS' : 'FAIL',
    title: bilingual('Petite ou moyenne entreprise', 'Small or medium-sized enterprise'),
    message: pass
      ? bilingual(`${n} employés, entre ${min} et ${max}.`, `${n} employees, between ${min} and ${max}.`)
      : bilingual(`${n} employés : une PME compte de ${min} à ${max} employés.`, `${n} employees: an SME has ${min} to ${max} employees.`),
    figures: { employees: n, smeMinEmployees: min, smeMaxEmployees: max },
  };
};

export const openTargetRegion: Rule = (input, settings) => {
  const title = bilingual('Région cible ouverte à la date du dépôt', 'Target region open on the submission date');
  const on = dateText(input.submittedOn);
  const region = settings.targetRegions.find((candidate) => candidate.regionCode === input.regionCode);
  const figures = { regionCode: input.regionCode, submittedOn: input.submittedOn, opensOn: region?.opensOn ?? null, waveNumber: region?.waveNumber ?? null };
  const fail = (message: { fr: string; en: string }): RuleResult => ({ ruleId: 'E3', verdict: 'FAIL', title, message, figures });
  if (!region) {
    return fail(bilingual(`La région ${input.regionCode} ne fait pas partie des régions cibles du programme.`, `Region ${input.regionCode} is not one of the program's target regions.`));
  }
  const name = bilingual(region.regionNameFr, region.regionNameEn);
  if (input.submittedOn < settings.intakeOpensOn || (settings.intakeClosesOn !== null && input.submittedOn > settings.intakeClosesOn)) {
    return fail(bilingual(`Le programme ne reçoit pas de demandes le ${on.fr}.`, `The program does not take applications on ${on.en}.`));
  }
  const opens = dateText(region.opensOn);
  if (input.submittedOn < region.opensOn) {
    return fail(bilingual(
      `${name.fr} (vague ${region.waveNumber}) ouvre le ${opens.fr}; demande déposée le ${on.fr}.`,
      `${name.en} (wave ${region.waveNumber}) opens on ${opens.en}; application submitted on ${on.en}.`,
    ));
  }
  return {
    ruleId: 'E3',
    verdict: 'PASS',
    title,
    message: bilingual(`${name.fr} (vague ${region.waveNumber}) est ouverte depuis le ${opens.fr}.`, `${name.en} (wave ${region.waveNumber}) has been open since ${opens.en}.`),
    figures,
  };
};

function matchesPrefix(naicsCode: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => naicsCode.startsWith(prefix));
}

export const prioritySector: Rule = (input, settings) => {
  const title = bilingual('Secteur prioritaire', 'Priority sector');
  const figures = { naicsCode: input.naicsCode, aiRole: input.aiRole, sectorCode: input.sectorCode, clientSectorCode: input.clientSectorCode };
  const sector = settings.sectors.find((candidate) => candidate.code === input.sectorCode);
  const result = (verdict: RuleResult['verdict'], fr: string, en: string): RuleResult => ({ ruleId: 'E4', verdict, title, message: bilingual(fr, en), figures });
  if (!sector) return result('FAIL', `Le secteur « ${input.sectorCode} » n’est pas un secteur prioritaire.`, `"${input.sectorCode}" is not a priority sector.`);
  const prefixes = sector.naicsPrefixes.join(', ');
  if (input.aiRole === 'SUPPLIER') {
    // Suppliers qualify through their adopting client; a person always checks that link.
    if (!matchesPrefix(input.naicsCode, settings.aiSupplierNaicsPrefixes)) {
      return result('FAIL',
        `SCIAN ${input.naicsCode} n’est pas un code de fournisseur d’IA (${settings.aiSupplierNaicsPrefixes.join(', ')}).`,
        `NAICS ${input.naicsCode} is not an AI supplier code (${settings.aiSupplierNaicsPrefixes.join(', ')}).`);
    }
    if (input.clientSectorCode !== sector.code) {
      return result('FAIL',
        `Le client adoptant doit être du secteur ${sector.labelFr}.`,
        `The adopting client must be in the ${sector.labelEn} sector.`);
    }
    return result('NEEDS_REVIEW',
      `Fournisseur d’IA (SCIAN ${input.naicsCode}) pour un client du secteur ${sector.labelFr} : une personne vérifie ce lien.`,
      `AI supplier (NAICS ${input.naicsCode}) for a client in ${sector.labelEn}: a person checks this link.`);
  }
  if (matchesPrefix(input.naicsCode, sector.naicsPrefixes)) {
    return result('PASS', `SCIAN ${input.naicsCode} appartient au secteur ${sector.labelFr} (${prefixes}).`, `NAICS ${input.naicsCode} belongs to ${sector.labelEn} (${prefixes}).`);
  }
  const other = settings.sectors.find((candidate) => matchesPrefix(input.naicsCode, candidate.naicsPrefixes));
  if (other) {
    return result('NEEDS_REVIEW',
      `SCIAN ${input.naicsCode} relève du secteur ${other.labelFr}, mais le projet se déclare ${sector.labelFr}.`,
      `NAICS ${input.naicsCode} belongs to ${other.labelEn}, but the project declares ${sector.labelEn}.`);
  }
  return result('FAIL',
    `SCIAN ${input.naicsCode} ne relève d’aucun secteur prioritaire (${sector.labelFr} : ${prefixes}).`,
    `NAICS ${input.naicsCode} is in no priority sector (${sector.labelEn}: ${prefixes}).`);
};

export const amountWithinCeiling: Rule = (input, settings) => {
  const requested = moneyText(input.amountRequestedCents);
  const ceiling = moneyText(settings.grantCeilingCents);
  const figures = { amountRequestedCents: input.amountRequestedCents, grantCeilingCents: settings.grantCeilingCents };
  const title = bilingual('Montant demandé dans le plafond', 'Amount requested within the ceiling');
  if (input.amountRequestedCents <= 0) {
    return { ruleId: 'E5', verdict: 'FAIL', title, figures, message: bilingual(`Montant demandé ${requested.fr} : il doit être supérieur à zéro.`, `Amount requested ${requested.en}: it must be more than zero.`) };
  }
  if (input.amountRequestedCents > settings.grantCeilingCents) {
    return { ruleId: 'E5', verdict: 'FAIL', title, figures, message: bilingual(`Montant demandé ${requested.fr} > plafond ${ceiling.fr}.`, `Amount requested ${requested.en} > ceiling ${ceiling.en}.`) };
  }
  return { ruleId: 'E5', verdict: 'PASS', title, figures, message: bilingual(`Montant demandé ${requested.fr} ≤ plafond ${ceiling.fr}.`, `Amount requested ${requested.en} ≤ ceiling ${ceiling.en}.`) };
};

/** Private money required for a request: ratio × requested, rounded up to the cent, computed without floats. */
export function requiredPrivateCents(amountRequestedCents: number, ratioBps: number): number {
  const product = BigInt(Math.max(0, amountRequestedCents)) * BigInt(ratioBps);
  return Number((product + 9_999n) / 10_000n);
}

export const privateCoInvestment: Rule = (input, settings) => {
  const required = requiredPrivateCents(input.amountRequestedCents, settings.coInvestmentRatioBps);
  const req = moneyText(required);
  const confirmed = moneyText(input.privateConfirmedCents);
  const declared = moneyText(input.privateDeclaredCents);
  const ratio = ratioText(settings.coInvestmentRatioBps);
  const title = bilingual(`Co-investissement privé d’au moins ${ratio.fr}`, `Private co-investment of at least ${ratio.en}`);
  const figures = {
    privateConfirmedCents: input.privateConfirmedCents,
    privateDeclaredCents: input.privateDeclaredCents,
    requiredPrivateCents: required,
    amountRequestedCents: input.amountRequestedCents,
    coInvestmentRatioBps: settings.coInvestmentRatioBps,
  };
  if (input.privateConfirmedCents >= required) {
    return { ruleId: 'E6', verdict: 'PASS', title, figures, message: bilingual(`Co-investissement privé confirmé ${confirmed.fr} ≥ ${req.fr} requis.`, `Confirmed private co-investment ${confirmed.en} ≥ ${req.en} required.`) };
  }
  if (input.privateDeclaredCents >= required) {
    // Enough money is declared but part of it has no commitment document yet.
    return { ruleId: 'E6', verdict: 'NEEDS_REVIEW', title, figures, message: bilingual(
      `Co-investissement privé confirmé ${confirmed.fr} < ${req.fr} requis; ${declared.fr} déclarés, dont une partie sans preuve d’engagement.`,
      `Confirmed private co-investment ${confirmed.en} < ${req.en} required; ${declared.en} declared, part of it without commitment evidence.`) };
  }
  return { ruleId: 'E6', verdict: 'FAIL', title, figures, message: bilingual(
    `Co-investissement privé ${declared.fr} < ${req.fr} requis.`,
    `Private co-investment ${declared.en} < ${req.en} required.`) };
};

export const balancedBudget: Rule = (input) => {
  const sources = input.amountRequestedCents + input.privateDeclaredCents + input.otherPublicFundingCents;
  const total = moneyText(input.totalProjectCostCents);
  const sum = moneyText(sources);
  const pass = sources === input.totalProjectCostCents;
  const figures = {
    totalProjectCostCents: input.totalProjectCostCents,
    amountRequestedCents: input.amountRequestedCents,
    privateDeclaredCents: input.privateDeclaredCents,
    otherPublicFundingCents: input.otherPublicFundingCents,
    differenceCents: input.totalProjectCostCents - sources,
  };
  const title = bilingual('Budget équilibré au cent près', 'Budget balanced to the cent');
  return pass
    ? { ruleId: 'E7', verdict: 'PASS', title, figures, message: bilingual(`Coût total ${total.fr} = demandé + privé + autre financement public.`, `Total cost ${total.en} = requested + private + other public funding.`) }
    : { ruleId: 'E7', verdict: 'FAIL', title, figures, message: bilingual(
        `Coût total ${total.fr} ≠ demandé + privé + autre financement public (${sum.fr}).`,
        `Total cost ${total.en} ≠ requested + private + other public funding (${sum.en}).`) };
};

export const oneActiveFilePerEnterprise: Rule = (input) => {
  const n = input.otherActiveFilesForNeq;
  const title = bilingual('Une seule demande ou entente active par entreprise', 'One active application or agreement per enterprise');
  const figures = { neq: input.neq, otherActiveFilesForNeq: n };
  return n === 0
    ? { ruleId: 'E8', verdict: 'PASS', title, figures, message: bilingual(`Aucune autre demande active pour le NEQ ${input.neq}.`, `No other active application for NEQ ${input.neq}.`) }
    : { ruleId: 'E8', verdict: 'FAIL', title, figures, message: bilingual(
        `${n} autre(s) demande(s) ou entente(s) active(s) pour le NEQ ${input.neq}.`,
        `${n} other active application(s) or agreement(s) for NEQ ${input.neq}.`) };
};
