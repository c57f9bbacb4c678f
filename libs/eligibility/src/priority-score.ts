import { bilingual, moneyText } from './figures';
import { PriorityScore, ScoreFactor, ScreeningInput, ScreeningSettings } from './screening.types';

/*
 * The priority score (fund-rules.md §5): decision support, never a decision. Each factor earns
 * a share of its weight; shares are computed in integers (tenths of a point) so the total is
 * exact, stays within 0–100 when the weights sum to 100, and never falls when one input improves.
 */
const HUNDRED_THOUSAND_DOLLARS_CENTS = 10_000_000n;

/** A ratio held in hundredths, written with two decimals in each language, without a float. */
function hundredthsText(hundredths: bigint): { fr: string; en: string } {
  const text = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return { fr: text.replace('.', ','), en: text };
}

function share(value: bigint, full: bigint, weight: number): number {
  if (full <= 0n || value <= 0n) return 0;
  const capped = value > full ? full : value;
  return Number((capped * BigInt(weight * 10)) / full);
}

function leverage(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.leverage;
  const leverageBps = input.amountRequestedCents > 0 ? (BigInt(Math.max(0, input.privateDeclaredCents)) * 10_000n) / BigInt(input.amountRequestedCents) : 0n;
  // Basis points → hundredths, truncated as the points are.
  const ratio = hundredthsText(leverageBps / 100n);
  const cap = hundredthsText(BigInt(settings.leverageCapBps) / 100n);
  return {
    factor: 'leverage',
    pointsTenths: share(leverageBps, BigInt(settings.leverageCapBps), weight),
    maxPoints: weight,
    label: bilingual('Effet de levier du privé', 'Private leverage'),
    explanation: bilingual(
      `Privé ÷ demandé = ${ratio.fr} (points complets à ${cap.fr}).`,
      `Private ÷ requested = ${ratio.en} (full points at ${cap.en}).`,
    ),
  };
}

function jobs(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.jobs;
  // AI jobs per 100 000 $ requested, in hundredths.
  const per100k = input.amountRequestedCents > 0 ? (BigInt(Math.max(0, input.aiJobsPlanned)) * 100n * HUNDRED_THOUSAND_DOLLARS_CENTS) / BigInt(input.amountRequestedCents) : 0n;
  const shown = hundredthsText(per100k);
  const full = hundredthsText(BigInt(settings.fullScoreJobsPer100kHundredths));
  const requested = moneyText(input.amountRequestedCents);
  return {
    factor: 'jobs',
    pointsTenths: share(per100k, BigInt(settings.fullScoreJobsPer100kHundredths), weight),
    maxPoints: weight,
    label: bilingual('Emplois en IA créés', 'AI jobs created'),
    explanation: bilingual(
      `${input.aiJobsPlanned} emplois pour ${requested.fr} = ${shown.fr} par 100 000 $ (points complets à ${full.fr}).`,
      `${input.aiJobsPlanned} jobs for ${requested.en} = ${shown.en} per $100,000 (full points at ${full.en}).`,
    ),
  };
}

function useCaseFit(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.useCaseFit;
  const sector = settings.sectors.find((candidate) => candidate.code === input.sectorCode);
  const fits = input.useCaseCode !== null && sector !== undefined && sector.useCaseCodes.includes(input.useCaseCode);
  return {
    factor: 'useCaseFit',
    pointsTenths: fits ? weight * 10 : 0,
    maxPoints: weight,
    label: bilingual('Cas d’usage phare du secteur', 'Flagship use case of the sector'),
    explanation: fits
      ? bilingual('Le projet vise un cas d’usage phare du secteur.', 'The project targets a flagship use case of its sector.')
      : bilingual('Le projet ne vise pas un cas d’usage phare du secteur.', 'The project does not target a flagship use case of its sector.'),
  };
}

function readiness(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.readiness;
  const met = [input.dataAvailable, input.mlStaffInPlace, input.researchPartnerCount > 0].filter(Boolean).length;
  return {
    factor: 'readiness',
    pointsTenths: share(BigInt(met), 3n, weight),
    maxPoints: weight,
    label: bilingual('Maturité du projet', 'Project readiness'),
    explanation: bilingual(
      `${met} sur 3 : données disponibles (${input.dataAvailable ? 'oui' : 'non'}), personnel en apprentissage automatique (${input.mlStaffInPlace ? 'oui' : 'non'}), partenaire de recherche (${input.researchPartnerCount}).`,
      `${met} of 3: data available (${input.dataAvailable ? 'yes' : 'no'}), machine-learning staff (${input.mlStaffInPlace ? 'yes' : 'no'}), research partners (${input.researchPartnerCount}).`,
    ),
  };
}

function regionWave(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.regionWave;
  const region = settings.targetRegions.find((candidate) => candidate.regionCode === input.regionCode);
  const lastWave = Math.max(0, ...settings.targetRegions.map((candidate) => candidate.waveNumber));
  // Earlier waves are the roadmap's pilots: wave 1 earns every point, the last wave the smallest share.
  const rank = region ? lastWave - region.waveNumber + 1 : 0;
  return {
    factor: 'regionWave',
    pointsTenths: share(BigInt(rank), BigInt(lastWave), weight),
    maxPoints: weight,
    label: bilingual('Priorité de la vague régionale', 'Regional wave priority'),
    explanation: region
      ? bilingual(`Région de la vague ${region.waveNumber} sur ${lastWave}.`, `Region of wave ${region.waveNumber} of ${lastWave}.`)
      : bilingual('Région hors des régions cibles.', 'Region outside the target regions.'),
  };
}

function duration(input: ScreeningInput, settings: ScreeningSettings): ScoreFactor {
  const weight = settings.weights.duration;
  const within = input.durationMonths >= 0 && input.durationMonths <= settings.fullScoreDurationMonths;
  return {
    factor: 'duration',
    pointsTenths: within ? weight * 10 : 0,
    maxPoints: weight,
    label: bilingual(`Réalisation en ${settings.fullScoreDurationMonths} mois ou moins`, `Completed within ${settings.fullScoreDurationMonths} months`),
    explanation: bilingual(
      `Dernier jalon ${input.durationMonths} mois après le dépôt (points complets à ${settings.fullScoreDurationMonths} mois ou moins).`,
      `Last milestone ${input.durationMonths} months after submission (full points at ${settings.fullScoreDurationMonths} months or less).`,
    ),
  };
}

export function priorityScore(input: ScreeningInput, settings: ScreeningSettings): PriorityScore {
  const factors = [leverage, jobs, useCaseFit, readiness, regionWave, duration].map((factor) => factor(input, settings));
  const tenths = factors.reduce((sum, factor) => sum + factor.pointsTenths, 0);
  return { total: tenths / 10, factors };
}
