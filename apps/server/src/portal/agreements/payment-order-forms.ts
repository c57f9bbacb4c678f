import { formText } from '../form-values';
import { FormProblems } from '../intake/form-problems';
import { FormBody, ReadForm, TEXT_MAX, longText } from './form-readers';

/*
 * The forms of one issued payment order (ids prefixed `paid-<order id>` / `returned-<order id>`,
 * since every issued order of the list has both).
 */

/** The finance system's reference is at most 200 characters (PaymentConfirmationDto). */
const REFERENCE_MAX = 200;

export function readPaymentConfirmation(body: FormBody, prefix: string, problems: FormProblems): ReadForm<{ reference: string }> {
  const values = { reference: formText(body.reference) };
  longText(values.reference, REFERENCE_MAX, `${prefix}-reference`, 'reference', problems, true);
  return { values, input: problems.empty ? { reference: values.reference } : null };
}

export function readPaymentReturn(body: FormBody, prefix: string, problems: FormProblems): ReadForm<{ reason: string }> {
  const values = { reason: formText(body.reason) };
  longText(values.reason, TEXT_MAX, `${prefix}-reason`, 'returnReason', problems, true);
  return { values, input: problems.empty ? { reason: values.reason } : null };
}
