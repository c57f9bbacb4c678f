import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError, Locale, formatDate, formatMoney, formatNumber } from '@fa/shared';
import { AccountsService } from '@fa/identity';
import { AttachmentRecord, AttachmentsService, IntakeCaller, MILESTONE_EVIDENCE } from '@fa/intake';
import { AgreementView, AgreementsService, MilestoneReport } from '@fa/agreements';
import { ProgramsService } from '@fa/programs';
import { ReviewErrorCode } from '@fa/review';
import { requestLocale } from '../../http/request-locale';
import { FormProblem } from '../intake/form-problems';
import { PageRenderer } from '../page-renderer';
import { agreementTerms, paymentOrderRow } from './agreement-terms';

/** A form sent back with what to fix; `form` is its id prefix (`report`, `review-m1`, `release-2`, `reduction`…). */
export interface FailedAgreementForm {
  form: string;
  values: Record<string, string>;
  problems: FormProblem[];
}

export interface AgreementPage {
  template: string;
  model: Record<string, unknown>;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Values = Record<string, string>;

const STAFF = ['REVIEWER', 'APPROVER', 'AUDITOR', 'ADMINISTRATOR'];
const AMENDABLE = ['OFFERED', 'ACCEPTED', 'SIGNED'];
const PAYMENT_ROLES = ['APPROVER', 'ADMINISTRATOR', 'AUDITOR'];

/**
 * The page of one agreement: what every party reads (terms, reports, payment orders), and the
 * forms the caller's role and the agreement's state call for — the enterprise accepts and
 * reports, a reviewer accepts or returns reports, an approver signs, releases and amends.
 * Auditors and administrators read it without forms.
 */
@Injectable()
export class AgreementPageModels {
  constructor(
    private readonly pages: PageRenderer,
    private readonly agreements: AgreementsService,
    private readonly attachments: AttachmentsService,
    private readonly accounts: AccountsService,
    private readonly programs: ProgramsService,
  ) {}

  async page(caller: IntakeCaller, request: FastifyRequest, id: string, failed: FailedAgreementForm | null): Promise<AgreementPage> {
    const t: Translate = (key, params) => this.pages.t(request, key, params);
    const opened = await this.open(caller, id);
    if (opened.view === null) return this.declarationNeeded(t, opened.declarationNeededOn);
    const agreement = opened.view;
    const locale = requestLocale(request);
    const evidence = await this.evidenceFiles(caller, agreement);
    const errors = failed && failed.problems.length > 0 ? failed.problems : null;
    const role = caller.account.role;
    return {
      template: 'agreement',
      model: {
        pageTitle: t('agreements.pageTitle', { number: agreement.trackingNumber ?? '' }),
        ...(await this.termsOf(agreement, locale, t)),
        errors,
        fieldErrors: Object.fromEntries((errors ?? []).map((problem) => [problem.field, problem.message])),
        copyHref: `/agreements/${agreement.id}/copy`,
        evidenceHint: t('agreements.evidenceFileHint', { maxMegabytes: Math.floor((await this.attachments.limits()).maxBytes / 1_048_576) }),
        fileHref: role === 'APPLICANT' ? `/applications/${agreement.applicationId}` : ['REVIEWER', 'APPROVER'].includes(role) ? `/review/${agreement.applicationId}` : null,
        paymentOrdersHref: PAYMENT_ROLES.includes(role) ? '/payment-orders' : null,
        reports: await this.reports(caller, agreement, evidence, locale, t, failed),
        paymentOrders: agreement.paymentOrders.map((order) => paymentOrderRow(order, locale, t)),
        ...this.applicantForms(caller, agreement, evidence, locale, t, failed),
        ...this.approverForms(caller, agreement, locale, t, failed),
      },
    };
  }

  /** The agreement as a document to print or keep: the terms, without forms. */
  async copy(caller: IntakeCaller, request: FastifyRequest, id: string): Promise<AgreementPage> {
    const t: Translate = (key, params) => this.pages.t(request, key, params);
    const opened = await this.open(caller, id);
    if (opened.view === null) return this.declarationNeeded(t, opened.declarationNeededOn);
    const agreement = opened.view;
    return {
      template: 'agreement-copy',
      model: { pageTitle: t('agreements.copyTitle', { number: agreement.trackingNumber ?? '' }), ...(await this.termsOf(agreement, requestLocale(request), t)), backHref: `/agreements/${agreement.id}` },
    };
  }

  /**
   * Reviewers and approvers read an agreement after declaring no conflict with its file, as
   * the file itself; until then the page sends them to the file's declaration.
   */
  private async open(caller: IntakeCaller, id: string): Promise<{ view: AgreementView; declarationNeededOn: null } | { view: null; declarationNeededOn: string }> {
    try {
      return { view: await this.agreements.view(caller, id), declarationNeededOn: null };
    } catch (error) {
      if (error instanceof DomainError && error.code === ReviewErrorCode.CONFLICT_DECLARATION_REQUIRED) return { view: null, declarationNeededOn: String(error.details?.applicationId) };
      throw error;
    }
  }

  private declarationNeeded(t: Translate, applicationId: string): AgreementPage {
    const title = t('agreements.declarationNeededTitle');
    return { template: 'message', model: { pageTitle: title, title, body: t('agreements.declarationNeeded'), link: { href: `/review/${applicationId}`, label: t('agreements.declarationLink') } } };
  }

  private async termsOf(view: AgreementView, locale: Locale, t: Translate) {
    const { coInvestmentRatioBps } = await this.programs.getSettings(view.programCode);
    return agreementTerms(view, coInvestmentRatioBps, locale, t);
  }

  /** The files the enterprise uploaded as evidence of spending on this agreement's file. */
  private async evidenceFiles(caller: IntakeCaller, view: AgreementView): Promise<AttachmentRecord[]> {
    return (await this.attachments.list(caller, view.applicationId)).filter((file) => file.category === MILESTONE_EVIDENCE);
  }

  private async reports(caller: IntakeCaller, view: AgreementView, evidence: AttachmentRecord[], locale: Locale, t: Translate, failed: FailedAgreementForm | null) {
    const files = new Map(evidence.map((file) => [file.id, file.originalName]));
    // Staff read who reviewed a report; the enterprise reads the outcome and the comments.
    const names = STAFF.includes(caller.account.role) ? await this.reviewerNames(view.reports) : new Map<string, string>();
    const reviewing = caller.account.role === 'REVIEWER' && view.status === 'SIGNED';
    return view.reports.map((report) => {
      const milestone = view.milestones.find((candidate) => candidate.number === report.milestoneNumber);
      const prefix = `review-m${report.milestoneNumber}`;
      return {
        heading: t('agreements.reportHeading', { number: report.milestoneNumber, title: milestone?.title ?? '' }),
        stateLabel: t(`agreements.reportStates.${report.review?.outcome ?? 'PENDING'}`),
        submittedAt: report.submittedAt.toISOString(),
        progress: report.progress,
        aiJobs: formatNumber(report.aiJobsToDate, locale),
        privateSpent: formatMoney(report.privateSpentToDateCents, locale),
        evidence: report.evidenceAttachmentIds.map((fileId) => ({ name: files.get(fileId) ?? fileId, href: `/agreements/${view.id}/evidence/${fileId}` })),
        review: report.review
          ? { outcomeLabel: t(`agreements.reportStates.${report.review.outcome}`), comments: report.review.comments ?? '', reviewedAt: report.review.reviewedAt.toISOString(), reviewedBy: names.get(report.review.reviewerAccountId) ?? '' }
          : null,
        reviewForm: reviewing && report.review === null
          ? {
              prefix, action: `/agreements/${view.id}/reports/${report.id}/review`, values: valuesOf(failed, prefix, { outcome: '', comments: '' }),
              outcomeError: errorAt(failed, `${prefix}-outcome`), commentsError: errorAt(failed, `${prefix}-comments`),
            }
          : null,
      };
    });
  }

  private async reviewerNames(reports: MilestoneReport[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const accountId of new Set(reports.flatMap((report) => (report.review ? [report.review.reviewerAccountId] : [])))) {
      names.set(accountId, (await this.accounts.findById(accountId))?.displayName ?? '');
    }
    return names;
  }

  /** The enterprise accepts the offer; once signed, it uploads evidence and files a report per milestone. */
  private applicantForms(caller: IntakeCaller, view: AgreementView, evidence: AttachmentRecord[], locale: Locale, t: Translate, failed: FailedAgreementForm | null) {
    const applicant = caller.account.role === 'APPLICANT';
    const reporting = applicant && view.status === 'SIGNED';
    const open = openMilestones(view);
    const values = valuesOf(failed, 'report', { milestone: open.length === 1 ? String(open[0].number) : '', progress: '', aiJobs: '', privateSpent: '', evidence: '' });
    const checked = new Set(values.evidence.split(','));
    return {
      acceptForm: applicant && view.status === 'OFFERED',
      evidenceFiles: applicant
        ? evidence.map((file) => ({ name: file.originalName, uploadedAt: file.uploadedAt.toISOString(), sizeKb: Math.max(1, Math.round(file.sizeBytes / 1024)), href: `/agreements/${view.id}/evidence/${file.id}` }))
        : [],
      evidenceUpload: reporting,
      reportForm: reporting && open.length > 0
        ? {
            values,
            milestones: open.map((milestone) => ({
              value: String(milestone.number), selected: values.milestone === String(milestone.number),
              label: t('agreements.milestoneOption', { number: milestone.number, title: milestone.title, dueOn: formatDate(milestone.dueOn, locale) }),
            })),
            evidence: evidence.map((file, index) => ({ id: file.id, inputId: `report-evidence-${index + 1}`, name: file.originalName, checked: checked.has(file.id) })),
          }
        : null,
      nothingToReport: reporting && open.length === 0,
    };
  }

  /** An approver signs the accepted agreement, releases releasable tranches, reduces or terminates it. */
  private approverForms(caller: IntakeCaller, view: AgreementView, locale: Locale, t: Translate, failed: FailedAgreementForm | null) {
    const approver = caller.account.role === 'APPROVER';
    const signed = view.status === 'SIGNED';
    // The domain refuses amendments while finance has not settled an order: say so instead of offering them.
    const paymentInFlight = view.paymentOrders.some((order) => order.status === 'ISSUED');
    const amendable = approver && AMENDABLE.includes(view.status);
    return {
      signForm: approver && view.status === 'ACCEPTED',
      // A new key each time a form is drawn: sending this one twice is one operation; a corrected form is a new request.
      releaseForms: approver && signed
        ? view.tranches.filter((tranche) => tranche.status === 'RELEASABLE' && tranche.amountCents > 0).map((tranche) => ({
            trancheNumber: tranche.number, buttonId: `release-${tranche.number}`, requestKey: randomUUID(), error: errorAt(failed, `release-${tranche.number}`),
            label: t('agreements.releaseButton', { number: tranche.number, amount: formatMoney(tranche.amountCents, locale) }),
          }))
        : [],
      amendAfterPayment: amendable && paymentInFlight,
      reductionForm: amendable && !paymentInFlight
        ? { requestKey: randomUUID(), hint: t('agreements.reductionHint', { current: formatMoney(view.amountCents, locale) }), values: valuesOf(failed, 'reduction', { amount: '', reason: '' }) }
        : null,
      terminationForm: approver && signed && !paymentInFlight
        ? { requestKey: randomUUID(), hint: t('agreements.amountDueHint', { paid: formatMoney(view.paidCents, locale) }), values: valuesOf(failed, 'termination', { reason: '', amountDue: '' }) }
        : null,
    };
  }
}

/** The message at one input of a form drawn once per report or tranche (a template cannot build those ids to look them up). */
function errorAt(failed: FailedAgreementForm | null, field: string): string | null {
  return failed?.problems.find((problem) => problem.field === field)?.message ?? null;
}

function valuesOf(failed: FailedAgreementForm | null, form: string, defaults: Values): Values {
  return failed?.form === form ? { ...defaults, ...failed.values } : defaults;
}

/**
 * The milestone the enterprise may report on now, as the domain rules: milestones are reported
 * in order, so it is the first one without an accepted report, and none while that one's report
 * awaits its review.
 */
export function openMilestones(view: Pick<AgreementView, 'milestones' | 'reports'>) {
  const reportsOf = (number: number) => view.reports.filter((report) => report.milestoneNumber === number);
  const next = [...view.milestones].sort((a, b) => a.number - b.number).find((milestone) => !reportsOf(milestone.number).some((report) => report.review?.outcome === 'ACCEPTED'));
  if (!next || reportsOf(next.number).some((report) => report.review === null)) return [];
  return [next];
}
