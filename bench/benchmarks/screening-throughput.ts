import { ScreeningInput, ScreeningOutcome, ScreeningSettings, screen } from '@fa/eligibility';
import { Benchmark, BenchmarkContext, BenchmarkReport } from '../support/benchmark';
import { loadProgramScreening } from '../support/program-settings';
import { formatNumber, markdownTable } from '../support/report';
import { screeningInputs } from '../support/screening-inputs';
import { median } from '../support/statistics';

const INPUTS = 1_000;
const SEED = 2026;
const ROUNDS = 7;
const ROUND_SECONDS = 1;
const WARM_UP_SECONDS = 2;
/** Screenings per second, on one core of this machine. */
const TARGET = 10_000;

const title = 'Screening throughput of the pure rules (`screen()`)';
const description =
  `No server, no database: \`screen(input, settings)\` of \`@fa/eligibility\` (rules E1–E8 with their bilingual ` +
  `messages, and the priority score), in the harness process, on one core. **Inputs**: ${formatNumber(INPUTS)} ` +
  `applications drawn once by a seeded generator (bench/support/screening-inputs.ts, seed ${SEED}) from the FA-2026 ` +
  'settings and rule set, which are read beforehand from the migrated bench database by ProgramsService and mapped as ' +
  'SubmissionService maps them. **Baseline**: the same loop over the same inputs doing one trivial comparison ' +
  '(amount requested ≤ ceiling), so the ratio says what the rules cost above the bare iteration. ' +
  `${WARM_UP_SECONDS} s of screening discarded (JIT), then ${ROUNDS} rounds of ${ROUND_SECONDS} s per side, alternating ` +
  'which side goes first; each side passes over the whole input set as many times as fits in its round. The verdict ' +
  `uses the median. **Target**: ≥ ${formatNumber(TARGET)} screenings/s, i.e. at most 0.1 ms of CPU per screening: ` +
  'negligible next to a submission request, and enough to re-screen a whole intake (thousands of files) in under a second.';

/** What the time goes to, measured by hand when this benchmark was written, so the next change knows what costs what. */
const findings = [
  '**What moved it** (2026-11-23, this machine):',
  '- First measurement: median 13,249 screenings/s (75.5 µs each; 50–90 µs per round). `ratioText` (the 1:1 ratio in the title of E6) ' +
    'built two `Intl.NumberFormat` on every call, about two thirds of `screen()`. With its formatters built once, like `moneyText` ' +
    'and `dateText`: about 39,700 screenings/s (25 µs). What remains is mostly formatting the bilingual messages of eight rules.',
].join('\n');

interface Rate {
  perSecond: number;
  items: number;
}

interface Round {
  rules: Rate;
  baseline: Rate;
}

export const screeningThroughput: Benchmark = {
  name: 'screening',
  title,
  description,
  async run({ databaseUrl }: BenchmarkContext): Promise<BenchmarkReport> {
    const { settings, ruleSetVersion } = await loadProgramScreening(databaseUrl);
    const inputs = screeningInputs(settings, INPUTS, SEED);
    const mix = outcomeMix(inputs, settings, ruleSetVersion);
    for (const outcome of ['ELIGIBLE', 'INELIGIBLE', 'NEEDS_REVIEW'] as const) {
      if (mix[outcome] === 0) throw new Error(`The input set has no ${outcome} application: the generator no longer covers every outcome.`);
    }

    const screenAll = (): number => {
      let points = 0;
      for (const input of inputs) points += screen(input, settings, ruleSetVersion).score.total;
      return points;
    };
    const compareAll = (): number => {
      let within = 0;
      for (const input of inputs) if (input.amountRequestedCents <= settings.grantCeilingCents) within++;
      return within;
    };
    measure(screenAll, WARM_UP_SECONDS);
    measure(compareAll, WARM_UP_SECONDS / 4);

    const rounds: Round[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      // Alternate which side goes first, so neither always runs right after a collection of the other's garbage.
      if (index % 2 === 0) {
        const baseline = measure(compareAll, ROUND_SECONDS);
        rounds.push({ baseline, rules: measure(screenAll, ROUND_SECONDS) });
      } else {
        const rules = measure(screenAll, ROUND_SECONDS);
        rounds.push({ rules, baseline: measure(compareAll, ROUND_SECONDS) });
      }
    }

    const rules = median(rounds.map((round) => round.rules.perSecond));
    const baseline = median(rounds.map((round) => round.baseline.perSecond));
    const passed = rules >= TARGET;
    const mixLine =
      `**Rule set** ${ruleSetVersion} (the one the program's settings name). **Input mix** (outcomes of the ${formatNumber(INPUTS)} inputs): ELIGIBLE ${mix.ELIGIBLE}, INELIGIBLE ${mix.INELIGIBLE}, ` +
      `NEEDS_REVIEW ${mix.NEEDS_REVIEW}.`;
    const table = markdownTable(
      ['Round', 'screenings/s', 'µs per screening', 'baseline items/s', 'rules ÷ baseline time'],
      rounds.map((round, index) => [
        String(index + 1),
        formatNumber(round.rules.perSecond),
        formatNumber(1e6 / round.rules.perSecond, 1),
        formatNumber(round.baseline.perSecond),
        formatNumber(round.baseline.perSecond / round.rules.perSecond),
      ]),
    );
    const ratioLine =
      `**Baseline**: median ${formatNumber(baseline)} items/s; one screening costs as much as ` +
      `**${formatNumber(baseline / rules)}** iterations of the bare loop, so the loop's own share of the measured time is ` +
      `${formatNumber((100 * rules) / baseline, 3)} %: the number measures the rules.`;
    const verdict =
      `**Screenings per second**, median of ${ROUNDS} rounds: **${formatNumber(rules)}** ` +
      `(${formatNumber(1e6 / rules, 1)} µs each; target ≥ ${formatNumber(TARGET)}): **${passed ? 'PASS' : 'FAIL'}**`;
    return { title, description, markdown: `${mixLine}\n\n${table}\n\n${ratioLine}\n\n${verdict}\n\n${findings}`, passed };
  },
};

function outcomeMix(inputs: ScreeningInput[], settings: ScreeningSettings, ruleSetVersion: string): Record<ScreeningOutcome, number> {
  const mix: Record<ScreeningOutcome, number> = { ELIGIBLE: 0, INELIGIBLE: 0, NEEDS_REVIEW: 0 };
  for (const input of inputs) mix[screen(input, settings, ruleSetVersion).outcome]++;
  return mix;
}

/** Whole passes over the input set until `seconds` have elapsed; the result of each pass is kept so no pass can be optimized away. */
function measure(pass: () => number, seconds: number): Rate {
  const budget = BigInt(Math.round(seconds * 1e9));
  const started = process.hrtime.bigint();
  let elapsed: bigint;
  let passes = 0;
  let sink = 0;
  do {
    sink += pass();
    passes++;
    elapsed = process.hrtime.bigint() - started;
  } while (elapsed < budget);
  if (Number.isNaN(sink)) throw new Error('A pass returned NaN');
  const items = passes * INPUTS;
  return { perSecond: items / (Number(elapsed) / 1e9), items };
}
