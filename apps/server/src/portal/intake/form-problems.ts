import type { FieldProblem } from '@fa/shared';

export interface FormProblem {
  /** The id of the input to fix (the summary links to it). */
  field: string;
  message: string;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The problems of a submitted form, each a sentence naming the field, in the person's language. */
export class FormProblems {
  readonly list: FormProblem[] = [];

  /** `labels`: the catalog prefix of the fields' labels (the intake's forms by default). */
  constructor(
    private readonly t: Translate,
    private readonly labels = 'intake.fields',
  ) {}

  /** `labelField` names the label when the input id differs (rows: `coInvestments-2-amount`). */
  add(field: string, problem: string, params: Record<string, unknown> = {}, labelField = field): void {
    this.addLabelled(field, this.t(`${this.labels}.${labelField}`), problem, params);
  }

  /** A problem of a field whose label is not in the catalog (a criterion of the review grid, named by the settings). */
  addLabelled(field: string, label: string, problem: string, params: Record<string, unknown> = {}): void {
    this.list.push({ field, message: this.t(`intake.problems.${problem}`, { field: label, ...params }) });
  }

  /** Problems the service found in fields it checks against the program (codes, attachments). */
  addService(fields: FieldProblem[]): void {
    for (const { field, problems } of fields) {
      const [base, index, leaf] = field.split('.');
      const id = leaf ? `${base}-${index}-${leaf}` : base;
      for (const problem of problems) this.add(id, problem, {}, leaf ?? base);
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** One message per input, for the line under it. */
  byField(): Record<string, string> {
    return Object.fromEntries(this.list.map((problem) => [problem.field, problem.message]));
  }
}
