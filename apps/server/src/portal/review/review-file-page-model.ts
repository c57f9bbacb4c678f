import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError, Locale, formatMoney } from '@fa/shared';
import { AccountsService } from '@fa/identity';
import { AgreementErrorCode, AgreementsService } from '@fa/agreements';
import { ApplicationEvent, ApplicationView, ApplicationsService, IntakeCaller, StoredScreening, SubmissionService, SubmittedContent } from '@fa/intake';
import {
  Assignment, AssignmentsService, ConflictDeclarationsService, Declaration, DecisionsService, RecommendationProposal, RecommendationsService, ReviewErrorCode, StoredDecision,
  StoredRecommendation,
} from '@fa/review';
import { requestLocale } from '../../http/request-locale';
import { DECIDED_STATES, QUEUE_STATES } from '@fa/review';
import { dollarsText } from '../intake/form-input';
import { FormProblem } from '../intake/form-problems';
import { IntakePageOptions } from '../intake/intake-page-options';
import { PageRenderer } from '../page-renderer';
import { FormValues, ReviewFormName } from './review-forms';

/** A form sent back with what to fix: shown again with the values typed. */
export interface FailedForm {
  name: ReviewFormName;
  values: FormValues;
  problems: FormProblem[];
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Everything the file's page shows once the caller may open it. */
interface OpenFile {
  view: ApplicationView;
  content: SubmittedContent['application'];
  assignments: Assignment[];
  proposal: RecommendationProposal;
  decision: StoredDecision | null;
  names: Map<string, string>;
}

/**
 * The page of one file for reviewers and approvers: the declaration of interests until they
 * made one, then the file, its reviews and the form its state and the caller's role call for.
 */
@Injectable()
export class ReviewFilePageModels {
  constructor(
    private readonly pages: PageRenderer,
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly assignments: AssignmentsService,
    private readonly recommendations: RecommendationsService,
    private readonly decisions: DecisionsService,
    private readonly accounts: AccountsService,
    private readonly options: IntakePageOptions,
    private readonly agreements: AgreementsService,
  ) {}

  /** The template to render and its model; `failed` is a form to show again with its problems. */
  async page(caller: IntakeCaller, request: FastifyRequest, id: string, failed: FailedForm | null): Promise<{ template: string; model: Record<string, unknown> }> {
    const application = await this.applications.summary(caller, id);
    const declaration = (await this.conflicts.latestFor(caller.account.id, [application.id])).get(application.id) ?? null;
    const t: Translate = (key, params) => this.pages.t(request, key, params);
    const errors = failed && failed.problems.length > 0 ? failed.problems : null;
    const base = {
      application: { id: application.id, title: application.title ?? t('intake.untitled'), trackingNumber: application.trackingNumber ?? '', statusLabel: t(`intake.statuses.${application.status}`) },
      errors, fieldErrors: Object.fromEntries((errors ?? []).map((problem) => [problem.field, problem.message])),
    };
    if (declaration?.kind !== 'NO_CONFLICT') {
      return { template: 'review-declaration', model: { ...base, pageTitle: t('review.declarationTitle'), ...declarationModel(declaration, failed) } };
    }
    const file = await this.open(caller, id);
    const locale = requestLocale(request);
    return {
      template: 'review-file',
      model: {
        ...base, pageTitle: base.application.title, ...(await this.summary(file, locale, t)), ...this.work(caller, file, locale, t, failed), agreement: await this.agreementOf(caller, file),
      },
    };
  }

  private async open(caller: IntakeCaller, id: string): Promise<OpenFile> {
    // The proposal checks the declaration (and that the file is not the caller's organization's) first.
    const proposal = await this.recommendations.proposal(caller, id);
    const view = await this.applications.view(caller, id);
    const copy = view.application.trackingNumber === null ? null : await this.submissions.submittedCopy(caller, id);
    const assignments = await this.assignments.assignments(caller, id);
    const decision = DECIDED_STATES.includes(view.application.status) ? await this.decisionOf(caller, id) : null;
    const people = new Set([...proposal.reviews.reviews.map((review) => review.reviewerAccountId), proposal.latest?.reviewerAccountId, decision?.approverAccountId]);
    const names = new Map<string, string>();
    for (const accountId of people) {
      if (accountId) names.set(accountId, (await this.accounts.findById(accountId))?.displayName ?? '');
    }
    return { view, content: copy?.content.application ?? view.application, assignments, proposal, decision, names };
  }

  /** The agreement of an approved file: a link once it exists; until then, an approver's button to prepare it. */
  private async agreementOf(caller: IntakeCaller, file: OpenFile): Promise<{ href: string | null; canPrepare: boolean } | null> {
    if (file.decision?.outcome !== 'APPROVED') return null;
    const agreement = await this.agreements.ofApplication(caller, file.view.application.id).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === AgreementErrorCode.AGREEMENT_NOT_FOUND) return null;
      throw error;
    });
    if (agreement) return { href: `/agreements/${agreement.id}`, canPrepare: false };
    return caller.account.role === 'APPROVER' && file.view.application.status === 'APPROVED' ? { href: null, canPrepare: true } : null;
  }

  private async decisionOf(caller: IntakeCaller, id: string): Promise<StoredDecision | null> {
    try {
      return await this.decisions.decisionOf(caller, id);
    } catch (error) {
      if (error instanceof DomainError && error.code === ReviewErrorCode.DECISION_NOT_FOUND) return null;
      throw error;
    }
  }

  /** What is known of the file: the enterprise, the amounts, the screening, the project as submitted, the timeline. */
  private async summary({ view, content }: OpenFile, locale: Locale, t: Translate) {
    const { regions, sectors } = await this.options.forForms(locale);
    const screening = view.screening;
    const money = (cents: number | null) => (cents === null ? t('review.notProvided') : formatMoney(cents, locale));
    const sector = sectors.find((candidate) => candidate.code === content.sectorCode);
    const regionCode = screening?.inputs.regionCode ?? view.profile.regionCode;
    const facts = [
      [t('review.facts.organization'), `${view.organization.legalName} (NEQ ${view.organization.neq})`],
      [t('review.facts.region'), regions.find((region) => region.code === regionCode)?.name ?? t('review.notProvided')],
      [t('review.facts.sector'), sector?.label ?? t('review.notProvided')],
      [t('review.facts.useCase'), sector?.useCases.find((useCase) => useCase.code === content.useCaseCode)?.label ?? t('intake.otherUseCase')],
      [t('review.facts.amountRequested'), money(content.amountRequestedCents)],
      [t('review.facts.totalProjectCost'), money(content.totalProjectCostCents)],
      [t('review.facts.privateCoInvestment'), money(content.coInvestments.reduce((sum, source) => sum + source.amountCents, 0))],
      [t('review.facts.otherPublicFunding'), money(content.otherPublicFundingCents)],
      [t('review.facts.aiJobsPlanned'), content.aiJobsPlanned === null ? t('review.notProvided') : String(content.aiJobsPlanned)],
    ].map(([label, value]) => ({ label, value }));
    return {
      organizationName: view.organization.legalName,
      submittedAt: view.application.submittedAt?.toISOString() ?? null,
      facts,
      screening: screening ? screeningModel(screening, locale, t) : null,
      project: {
        description: content.description ?? '', aiApproach: content.aiApproach ?? '', dataDescription: content.dataDescription ?? '',
        dataAvailable: yesNo(content.dataAvailable, t), mlStaffInPlace: yesNo(content.mlStaffInPlace, t),
        researchPartners: content.researchPartners.join(', '), milestones: content.milestones,
        coInvestments: content.coInvestments.map((source) => ({ sourceName: source.sourceName, typeLabel: t(`intake.sourceTypes.${source.sourceType}`), amount: money(source.amountCents), confirmed: t(source.evidenceAttachmentId ? 'intake.yes' : 'intake.no') })),
      },
      timeline: view.timeline.map((event) => timelineEntry(event, t)),
    };
  }

  /** The reviews, the recommendation, the decision, and the forms the caller may send now. */
  private work(caller: IntakeCaller, file: OpenFile, locale: Locale, t: Translate, failed: FailedForm | null) {
    const me = caller.account.id;
    const status = file.view.application.status;
    const role = caller.account.role;
    const { reviews, suggestedKind } = file.proposal;
    const reviewedByMe = reviews.reviews.some((review) => review.reviewerAccountId === me);
    const valuesOf = (name: ReviewFormName, defaults: FormValues) => (failed?.name === name ? failed.values : defaults);
    const reviewing = role === 'REVIEWER' && status === 'IN_REVIEW';
    const latest = file.proposal.latest;
    return {
      assignees: file.assignments.map((assignment) => ({ name: assignment.reviewerName, lead: assignment.lead })),
      canTake: role === 'REVIEWER' && QUEUE_STATES.includes(status) && !file.assignments.some((assignment) => assignment.reviewerAccountId === me),
      screeningForm: role === 'REVIEWER' && status === 'SCREENED' ? { values: valuesOf('screening', { outcome: '', reason: '' }) } : null,
      changesForm: role === 'REVIEWER' && (status === 'SCREENED' || status === 'IN_REVIEW') ? { values: valuesOf('changes', { comments: '' }) } : null,
      reviewForm: reviewing && !reviewedByMe ? { criteria: gridModel(file, locale, valuesOf('review', {}), failed) } : null,
      // A reviewer scores without seeing the others' scores first, so that two reviews stay independent.
      reviews: reviewsModel(file, locale, t, reviewing && !reviewedByMe),
      recommendationForm: reviewing && reviews.state.sufficient && reviewedByMe
        ? { suggestedLabel: suggestedKind ? t(`review.kinds.${suggestedKind}`) : '', amountHint: t('review.amountHint', { requested: formatMoney(file.view.application.amountRequestedCents ?? 0, locale) }),
          values: valuesOf('recommendation', { kind: suggestedKind ?? '', amount: dollarsText(file.view.application.amountRequestedCents, locale), reasons: '' }) }
        : null,
      recommendationNotice: reviewing && reviews.state.sufficient && !reviewedByMe ? t('review.recommendationByReviewersOnly') : null,
      // A recommendation of an earlier round (before changes were requested) no longer speaks for the file.
      recommendation: latest && latest.submissionSequence === reviews.submissionSequence && status !== 'IN_REVIEW' ? recommendationModel(latest, file.names, locale, t) : null,
      decisionForm: role === 'APPROVER' && status === 'RECOMMENDED'
        // A new key each time the form is drawn: sending this one twice is one decision; a corrected form is a new request.
        ? { requestKey: randomUUID(), values: valuesOf('decision', { outcome: latest?.kind === 'DECLINE' ? 'DECLINED' : 'APPROVED', amount: dollarsText(latest?.amountCents ?? null, locale), reasons: '' }) }
        : null,
      decision: file.decision ? decisionModel(file.decision, file.names, locale, t) : null,
    };
  }
}

function yesNo(answer: boolean | null, t: Translate): string {
  return t(answer === null ? 'review.notProvided' : answer ? 'intake.yes' : 'intake.no');
}

function declarationModel(declaration: Declaration | null, failed: FailedForm | null) {
  return {
    recusedAt: declaration?.kind === 'RECUSED' ? declaration.declaredAt.toISOString() : null,
    values: failed?.name === 'declaration' ? failed.values : { kind: '', statement: '' },
  };
}

function screeningModel(screening: StoredScreening, locale: Locale, t: Translate) {
  return {
    outcome: screening.outcome,
    outcomeLabel: t(`review.outcomes.${screening.outcome}`),
    score: screening.score,
    screenedAt: screening.screenedAt.toISOString(),
    deciding: screening.results.filter((result) => screening.decidingRules.includes(result.ruleId)).map((result) => ({ ruleId: result.ruleId, title: result.title[locale], message: result.message[locale] })),
  };
}

/** Staff read every reason a person wrote on the timeline; the machine's own note on SCREENED is in the screening above it. */
function timelineEntry(event: ApplicationEvent, t: Translate) {
  const label = event.kind === 'REEXAMINATION_REQUESTED' ? t('intake.reexaminationEvent') : event.fromStatus === null ? t('intake.timelineCreated') : t(`intake.statuses.${event.toStatus}`);
  return { occurredAt: event.occurredAt.toISOString(), label, reason: event.toStatus === 'SCREENED' ? null : event.reason };
}

/** The scoring grid: one radio group 0–5 and one comment per criterion of the settings. */
function gridModel(file: OpenFile, locale: Locale, values: FormValues, failed: FailedForm | null) {
  const errorOf = (field: string) => (failed?.name === 'review' ? failed.problems.find((problem) => problem.field === field)?.message ?? null : null);
  return file.proposal.reviews.criteria.map((criterion) => {
    const scoreId = `score-${criterion.code}`;
    const commentId = `comment-${criterion.code}`;
    return {
      code: criterion.code, label: locale === 'fr' ? criterion.labelFr : criterion.labelEn, weight: criterion.weight, scoreId, commentId,
      scoreError: errorOf(scoreId), commentError: errorOf(commentId), comment: values[commentId] ?? '',
      options: [0, 1, 2, 3, 4, 5].map((score) => ({ value: String(score), id: `${scoreId}-${score}`, checked: values[scoreId] === String(score) })),
    };
  });
}

function reviewsModel(file: OpenFile, locale: Locale, t: Translate, hidden: boolean) {
  const { criteria, reviews, state } = file.proposal.reviews;
  const label = (code: string) => {
    const criterion = criteria.find((candidate) => candidate.code === code);
    return criterion ? (locale === 'fr' ? criterion.labelFr : criterion.labelEn) : code;
  };
  return {
    count: state.count,
    hidden,
    mean: state.meanTenths === null || hidden ? null : state.meanTenths / 10,
    stateLabel: state.thirdReviewNeeded && !state.sufficient ? t('review.thirdReviewNeeded') : state.sufficient ? t('review.reviewsSufficient') : t('review.reviewsNeeded'),
    items: (hidden ? [] : reviews).map((review, index) => ({
      heading: t('review.reviewHeading', { number: index + 1, name: file.names.get(review.reviewerAccountId) ?? '' }),
      total: review.totalTenths / 10,
      submittedAt: review.submittedAt.toISOString(),
      scores: criteria.map((criterion) => ({ label: label(criterion.code), score: review.scores[criterion.code], weight: criterion.weight, comment: review.comments[criterion.code] ?? '' })),
    })),
  };
}

function recommendationModel(recommendation: StoredRecommendation, names: Map<string, string>, locale: Locale, t: Translate) {
  return {
    kindLabel: t(`review.kinds.${recommendation.kind}`),
    computedLabel: t(`review.kinds.${recommendation.computedKind}`),
    departs: recommendation.kind !== recommendation.computedKind,
    amount: recommendation.amountCents === null ? null : formatMoney(recommendation.amountCents, locale),
    mean: recommendation.meanTenths / 10,
    reasons: recommendation.reasons,
    signedBy: names.get(recommendation.reviewerAccountId) ?? '',
    signedAt: recommendation.signedAt.toISOString(),
  };
}

function decisionModel(decision: StoredDecision, names: Map<string, string>, locale: Locale, t: Translate) {
  return {
    outcomeLabel: t(`intake.decisionOutcomes.${decision.outcome}`),
    amount: decision.amountCents === null ? null : formatMoney(decision.amountCents, locale),
    reasons: decision.reasons ?? '',
    decidedBy: names.get(decision.approverAccountId) ?? '',
    decidedAt: decision.decidedAt.toISOString(),
    letterHref: `/applications/${decision.applicationId}/decision/letter`,
  };
}
