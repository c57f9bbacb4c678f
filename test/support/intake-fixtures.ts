/** Shared test data of the intake: a complete, eligible project and its enterprise's profile. */
/** A complete, eligible project of a Montréal manufacturer; amounts in cents. */
export const COMPLETE_CONTENT = {
  title: 'Inspection de la qualité par vision artificielle',
  description: 'Caméras et cobots pour inspecter chaque pièce usinée en temps réel.',
  sectorCode: 'MANUFACTURING_ROBOTICS',
  useCaseCode: 'REALTIME_QUALITY_INSPECTION',
  aiApproach: 'Réseaux de neurones convolutifs entraînés sur nos images de défauts.',
  dataAvailable: true,
  dataDescription: '120 000 images annotées de pièces conformes et défectueuses.',
  mlStaffInPlace: true,
  researchPartners: ['CRIM'],
  totalProjectCostCents: 50_000_000,
  amountRequestedCents: 25_000_000,
  otherPublicFundingCents: 0,
  aiJobsPlanned: 5,
  milestones: [{ title: 'Pilote sur une ligne', dueOn: '2027-04-30' }, { title: 'Déploiement complet', dueOn: '2027-10-31' }],
  declaresAccuracy: true,
  consentsToProcessing: true,
  acknowledgesAutomatedScreening: true,
};

export const PROFILE = {
  streetAddress: '1250, rue Notre-Dame Ouest',
  city: 'Montréal',
  postalCode: 'h3c 1k3',
  regionCode: '06',
  naicsCode: '332710',
  employees: 40,
  annualRevenueCents: 850_000_000,
  aiRole: 'ADOPTER',
};

