import { AccountsService, OrganizationsService } from '@fa/identity';
import { ApplicationsService, AttachmentsService, OrganizationProfilesService, SubmissionService } from '@fa/intake';

export interface DemoIntakeServices {
  accounts: AccountsService;
  organizations: OrganizationsService;
  profiles: OrganizationProfilesService;
  applications: ApplicationsService;
  attachments: AttachmentsService;
  submissions: SubmissionService;
}

/** A one-page PDF standing in for a bank's commitment letter. */
const COMMITMENT_LETTER = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Lettre d\'engagement (démonstration)\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

function monthsFrom(today: Date, months: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, 15));
  return date.toISOString().slice(0, 10);
}

/**
 * The demo applicant's enterprise, one submitted and screened application (with its commitment
 * letter) and one draft, all through the intake services as a person would make them.
 */
export async function loadDemoIntake(services: DemoIntakeServices, applicantEmail: string, today: Date): Promise<void> {
  const account = await services.accounts.findByEmail(applicantEmail);
  if (!account) return;
  const caller = { account, clientAddress: null };
  // Resumes an interrupted load: the enterprise may exist already; its applications mean the load got through.
  if ((await services.applications.list(caller)).length > 0) return;
  const [registered] = await services.organizations.listVisible(caller);
  const organization = registered ?? (await services.profiles.register(caller, {
    legalName: 'Robotique Estrie inc. (démo)', neq: '1170000017', streetAddress: '2500, boulevard de l’Université', city: 'Sherbrooke', postalCode: 'J1K 2R1',
    regionCode: '05', naicsCode: '333249', employees: 42, annualRevenueCents: 850_000_000, aiRole: 'ADOPTER', clientSectorCode: null,
  })).organization;
  const submitted = await services.applications.create(caller, organization.id, {
    title: 'Inspection de soudures par vision artificielle', description: 'Caméras et cobots qui inspectent chaque soudure en temps réel sur deux lignes.',
    sectorCode: 'MANUFACTURING_ROBOTICS', useCaseCode: 'REALTIME_QUALITY_INSPECTION', aiApproach: 'Détection d’anomalies par réseaux convolutifs.',
    dataAvailable: true, dataDescription: '80 000 images de soudures annotées.', mlStaffInPlace: true, researchPartners: ['CRIM'],
    totalProjectCostCents: 60_000_000, amountRequestedCents: 30_000_000, otherPublicFundingCents: 0, aiJobsPlanned: 6,
    milestones: [{ title: 'Pilote sur une ligne', dueOn: monthsFrom(today, 5) }, { title: 'Deux lignes en production', dueOn: monthsFrom(today, 11) }],
    declaresAccuracy: true, consentsToProcessing: true, acknowledgesAutomatedScreening: true,
  });
  const letter = await services.attachments.upload(caller, submitted.application.id, { category: 'CO_INVESTMENT_EVIDENCE', originalName: 'lettre-engagement-banque.pdf', bytes: COMMITMENT_LETTER });
  await services.applications.update(caller, submitted.application.id, { coInvestments: [{ sourceName: 'Banque Nationale — prêt à terme', sourceType: 'BANK_LOAN', amountCents: 30_000_000, evidenceAttachmentId: letter.id }] });
  await services.submissions.submit(caller, submitted.application.id);
  await services.applications.create(caller, organization.id, { title: 'Maintenance prédictive des presses (brouillon)', sectorCode: 'MANUFACTURING_ROBOTICS', useCaseCode: 'PREDICTIVE_LINE_MAINTENANCE' });
}
