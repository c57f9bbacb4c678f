import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@fa/shared';
import { AgreementErrorCode } from '@fa/agreements';
import { IntakeCaller } from '@fa/intake';
import { httpStatusOf } from '../../http/error-status';
import { FormProblems } from '../intake/form-problems';
import { PageRenderer } from '../page-renderer';
import { AGREEMENT_FIELD_LABELS } from './agreement-forms';
import { agreementErrorMessage } from './agreement-error-message';
import { AgreementPageModels, FailedAgreementForm } from './agreement-page-model';
import { ReadForm } from './form-readers';

/** Which form was sent, and at which input a refusal of the domain is shown ('' for the page's summary only). */
export interface SentForm {
  form: string;
  errorField?: (error: DomainError) => string;
  /** A refusal saying the form's work is already done (the form sent twice): answered as its success. */
  alreadyDone?: (error: DomainError) => boolean;
}

/** A refusal because the agreement already is in one of `statuses`. */
export function alreadyIn(...statuses: string[]): (error: DomainError) => boolean {
  return (error) => error.code === AgreementErrorCode.INVALID_AGREEMENT_STATE && statuses.includes(String(error.details?.status));
}

/**
 * How every form of the agreement's page answers: 303 back to the agreement when its use case
 * ran, or the page again with what to fix — the form's own problems, or the domain's refusal
 * in the person's language — and the status the API would give.
 */
@Injectable()
export class AgreementPageResponder {
  constructor(
    private readonly pages: PageRenderer,
    private readonly models: AgreementPageModels,
  ) {}

  problems(request: FastifyRequest): FormProblems {
    return new FormProblems((key, params) => this.pages.t(request, key, params), AGREEMENT_FIELD_LABELS);
  }

  async act<T>(
    who: IntakeCaller, request: FastifyRequest, reply: FastifyReply, id: string, sent: SentForm,
    read: (problems: FormProblems) => ReadForm<T>, run: (input: T) => Promise<unknown>, anchor = '',
  ) {
    const problems = this.problems(request);
    const { input, values } = read(problems);
    if (input === null) return this.render(who, request, reply, id, { form: sent.form, values, problems: problems.list }, 400);
    try {
      await run(input);
    } catch (error) {
      if (error instanceof DomainError && sent.alreadyDone?.(error)) return reply.status(303).redirect(`/agreements/${id}${anchor}`);
      return this.refused(who, request, reply, id, sent, values, error);
    }
    return reply.status(303).redirect(`/agreements/${id}${anchor}`);
  }

  /** The page again with the domain's refusal; an unknown agreement stays the error page's 404. */
  async refused(who: IntakeCaller, request: FastifyRequest, reply: FastifyReply, id: string, sent: SentForm, values: Record<string, string>, error: unknown) {
    if (!(error instanceof DomainError) || httpStatusOf(error) === 404) throw error;
    const field = sent.errorField?.(error) ?? '';
    return this.render(who, request, reply, id, { form: sent.form, values, problems: [{ field, message: agreementErrorMessage(this.pages, request, error) }] }, httpStatusOf(error));
  }

  async render(who: IntakeCaller, request: FastifyRequest, reply: FastifyReply, id: string, failed: FailedAgreementForm | null, status: number) {
    const { template, model } = await this.models.page(who, request, id, failed);
    return this.pages.render(request, reply, template, model, status);
  }
}
