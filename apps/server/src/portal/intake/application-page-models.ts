import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApplicationView, AttachmentsService, IntakeCaller, MissingItem, ApplicationsService, SubmissionService } from '@fa/intake';
import { DomainError, Locale, formatMoney } from '@fa/shared';
import { DECIDED_STATES, DecisionsService, ReviewErrorCode, StoredDecision } from '@fa/review';
import { AgreementErrorCode, AgreementsService } from '@fa/agreements';
import { requestLocale } from '../../http/request-locale';
import { PageRenderer } from '../page-renderer';
import { SECTION_SLUGS } from './section-forms';

/** What the overview, screening and copy pages show, built from the intake services. */
@Injectable()
export class ApplicationPageModels {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionService,
    private readonly attachments: AttachmentsService,
    private readonly decisions: DecisionsService,
    private readonly agreements: AgreementsService,
  ) {}

  missingText(request: FastifyRequest, item: MissingItem): string {
    return this.pages.t(request, `intake.missing.${item.code}`, { field: this.pages.t(request, `intake.fields.${item.field}`) });
  }

  async overview(caller: IntakeCaller, request: FastifyRequest, id: string) {
    const view = await this.applications.view(caller, id);
    const limits = await this.attachments.limits();
    const t = (key: string, params?: Record<string, unknown>) => this.pages.t(request, key, params);
    return {
      pageTitle: view.application.title ?? t('intake.untitled'),
      view,
      application: view.application,
      organization: view.organization,
      statusLabel: t(`intake.statuses.${view.application.status}`),
      sections: view.checklist.map((section) => ({
        section: section.section,
        label: t(`intake.sections.${section.section}`),
        complete: section.complete,
        missing: section.missing.map((item) => this.missingText(request, item)),
        href: section.section === 'ORGANIZATION' ? `/organizations/${view.organization.id}/edit?next=/applications/${id}` : `/applications/${id}/sections/${SECTION_SLUGS[section.section]}`,
      })),
      ready: view.checklist.every((section) => section.complete),
      attachments: view.attachments.map((attachment) => ({ ...attachment, categoryLabel: t(`intake.categories.${attachment.category}`), sizeKb: Math.max(1, Math.round(attachment.sizeBytes / 1024)) })),
      categories: ['CO_INVESTMENT_EVIDENCE', 'FINANCIAL_STATEMENTS', 'PROJECT_PLAN', 'OTHER'].map((code) => ({ code, label: t(`intake.categories.${code}`) })),
      fileHint: t('intake.hints.file', { maxMegabytes: Math.floor(limits.maxBytes / 1048576), maxCount: limits.maxCount }),
      timeline: timelineOf(view, t),
      canDeleteAttachments: view.application.status === 'DRAFT',
      submitted: view.application.trackingNumber !== null,
      changesRequested: changesRequestedOf(view),
      decision: DECIDED_STATES.includes(view.application.status) ? await this.decisionOf(caller, id, requestLocale(request), t) : null,
      agreement: DECIDED_STATES.includes(view.application.status) ? await this.agreementOf(caller, id, t) : null,
    };
  }

  /** The agreement made from the approval, once an approver has prepared it. */
  private async agreementOf(caller: IntakeCaller, id: string, t: (key: string) => string): Promise<{ href: string; statusLabel: string } | null> {
    try {
      const agreement = await this.agreements.ofApplication(caller, id);
      return { href: `/agreements/${agreement.id}`, statusLabel: t(`agreements.statuses.${agreement.status}`) };
    } catch (error) {
      if (error instanceof DomainError && error.code === AgreementErrorCode.AGREEMENT_NOT_FOUND) return null;
      throw error;
    }
  }

  /** The decision on the file, once there is one: outcome, amount, reasons, date and the letter to download. */
  private async decisionOf(caller: IntakeCaller, id: string, locale: Locale, t: (key: string) => string) {
    let decision: StoredDecision;
    try {
      decision = await this.decisions.decisionOf(caller, id);
    } catch (error) {
      if (error instanceof DomainError && error.code === ReviewErrorCode.DECISION_NOT_FOUND) return null;
      throw error;
    }
    return {
      approved: decision.outcome === 'APPROVED',
      outcomeLabel: t(`intake.decisionOutcomes.${decision.outcome}`),
      amount: decision.amountCents === null ? null : formatMoney(decision.amountCents, locale),
      reasons: decision.reasons ?? '',
      decidedAt: decision.decidedAt.toISOString(),
      letterHref: `/applications/${id}/decision/letter`,
    };
  }

  async screening(caller: IntakeCaller, request: FastifyRequest, id: string) {
    const view = await this.applications.view(caller, id);
    const screening = await this.submissions.latestScreening(caller, id);
    const locale = requestLocale(request);
    const pick = (text: { fr: string; en: string }) => text[locale];
    return {
      pageTitle: this.pages.t(request, 'intake.screeningTitle'),
      application: view.application,
      screening,
      outcomeLabel: this.pages.t(request, `intake.outcomes.${screening.outcome}`),
      deciding: screening.results.filter((result) => screening.decidingRules.includes(result.ruleId)).map((result) => ({ ruleId: result.ruleId, title: pick(result.title), message: pick(result.message) })),
      results: screening.results.map((result) => ({ ruleId: result.ruleId, verdict: result.verdict, verdictLabel: this.pages.t(request, `intake.verdicts.${result.verdict}`), title: pick(result.title), message: pick(result.message) })),
      factors: screening.scoreFactors.map((factor) => ({ label: pick(factor.label), explanation: pick(factor.explanation), points: factor.pointsTenths / 10, maxPoints: factor.maxPoints })),
      screenedOn: screening.screenedAt.toISOString(),
      reexaminationRequestedAt: screening.reexaminationRequestedAt?.toISOString() ?? null,
    };
  }

  async copy(caller: IntakeCaller, request: FastifyRequest, id: string) {
    const copy = await this.submissions.submittedCopy(caller, id);
    const locale = requestLocale(request);
    const { organization, application, attachments } = copy.content;
    const money = (cents: number | null) => (cents === null ? '' : formatMoney(cents, locale));
    return {
      pageTitle: this.pages.t(request, 'intake.copyTitle', { number: application.trackingNumber }),
      sequence: copy.sequence,
      submittedAt: copy.submittedAt.toISOString(),
      organization,
      aiRoleLabel: organization.aiRole ? this.pages.t(request, `intake.aiRoles.${organization.aiRole}`) : '',
      application: {
        ...application,
        totalProjectCost: money(application.totalProjectCostCents),
        amountRequested: money(application.amountRequestedCents),
        otherPublicFunding: money(application.otherPublicFundingCents),
        annualRevenue: money(organization.annualRevenueCents),
        coInvestments: application.coInvestments.map((source) => ({ ...source, amount: money(source.amountCents), typeLabel: this.pages.t(request, `intake.sourceTypes.${source.sourceType}`) })),
      },
      attachments,
    };
  }
}

/** While the file is back with the applicant: what the reviewer asked to change (the reason of the move to CHANGES_REQUESTED). */
function changesRequestedOf(view: ApplicationView): { comments: string; requestedAt: string } | null {
  if (view.application.status !== 'CHANGES_REQUESTED') return null;
  const request = view.timeline.filter((event) => event.toStatus === 'CHANGES_REQUESTED').at(-1);
  return request?.reason ? { comments: request.reason, requestedAt: request.occurredAt.toISOString() } : null;
}

function timelineOf(view: ApplicationView, t: (key: string, params?: Record<string, unknown>) => string) {
  return view.timeline.map((event) => ({
    occurredAt: event.occurredAt.toISOString(),
    label: event.kind === 'REEXAMINATION_REQUESTED' ? t('intake.reexaminationEvent') : event.fromStatus === null ? t('intake.timelineCreated') : t(`intake.statuses.${event.toStatus}`),
    // Reasons people wrote (withdrawal, changes requested, a reviewer's confirmation of the screening, re-examination, the decision);
    // the machine's own note on SCREENED stays in the API.
    reason: event.kind === 'REEXAMINATION_REQUESTED' || ['WITHDRAWN', 'CHANGES_REQUESTED', 'IN_REVIEW', 'APPROVED', 'DECLINED'].includes(event.toStatus ?? '') ? event.reason : null,
  }));
}
