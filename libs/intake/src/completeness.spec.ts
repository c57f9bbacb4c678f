import { ApplicationContent, OrganizationProfile } from './application.types';
import { APPLICATION_SECTIONS, ApplicationSection, MissingItem, SectionStatus, checklist, flagshipUseCase, missingItems } from './completeness';
import { TODAY, aCompleteContent, aCompleteProfile, aMilestone, anEmptyContent, anEmptyProfile, anOrganization } from './intake.fixtures';

/** The checklist of the complete application with some answers changed. */
function checklistWith(content: Partial<ApplicationContent> = {}, profile: Partial<OrganizationProfile> = {}): SectionStatus[] {
  return checklist(anOrganization(), aCompleteProfile(profile), aCompleteContent(content), TODAY);
}

const missingIn = (sections: SectionStatus[], section: ApplicationSection): MissingItem[] =>
  sections.find((status) => status.section === section)?.missing ?? [];

describe(checklist.name, () => {
  const sut = checklist;

  it('gives the five sections in order', () => {
    expect(sut(anOrganization(), aCompleteProfile(), aCompleteContent(), TODAY).map((status) => status.section)).toEqual([
      'ORGANIZATION',
      'PROJECT',
      'BUDGET',
      'JOBS_AND_MILESTONES',
      'DECLARATIONS',
    ]);
  });

  it('lists every required field of every section for an empty draft', () => {
    const sections = sut({ legalName: '', neq: '' }, anEmptyProfile(), anEmptyContent(), TODAY);

    const required = (section: ApplicationSection, ...fields: string[]) => fields.map((field) => ({ section, field, code: 'REQUIRED' }));
    expect(sections).toEqual([
      {
        section: 'ORGANIZATION',
        complete: false,
        missing: required(
          'ORGANIZATION',
          'legalName',
          'neq',
          'streetAddress',
          'city',
          'postalCode',
          'regionCode',
          'naicsCode',
          'employees',
          'annualRevenueCents',
          'aiRole',
        ),
      },
      {
        section: 'PROJECT',
        complete: false,
        missing: required('PROJECT', 'title', 'description', 'sectorCode', 'useCaseCode', 'aiApproach', 'dataAvailable', 'mlStaffInPlace'),
      },
      {
        section: 'BUDGET',
        complete: false,
        missing: [
          ...required('BUDGET', 'totalProjectCostCents', 'amountRequestedCents', 'otherPublicFundingCents'),
          { section: 'BUDGET', field: 'coInvestments', code: 'AT_LEAST_ONE' },
        ],
      },
      {
        section: 'JOBS_AND_MILESTONES',
        complete: false,
        missing: [
          { section: 'JOBS_AND_MILESTONES', field: 'aiJobsPlanned', code: 'REQUIRED' },
          { section: 'JOBS_AND_MILESTONES', field: 'milestones', code: 'AT_LEAST_ONE' },
        ],
      },
      {
        section: 'DECLARATIONS',
        complete: false,
        missing: ['declaresAccuracy', 'consentsToProcessing', 'acknowledgesAutomatedScreening'].map((field) => ({
          section: 'DECLARATIONS',
          field,
          code: 'MUST_BE_ACCEPTED',
        })),
      },
    ]);
  });

  it('finds nothing missing in a complete application', () => {
    const sections = sut(anOrganization(), aCompleteProfile(), aCompleteContent(), TODAY);
    expect(sections).toEqual(APPLICATION_SECTIONS.map((section) => ({ section, complete: true, missing: [] })));
  });

  it('does not ask for a data description, a research partner or anything of the profile beyond the listed fields', () => {
    const sections = checklistWith({ dataDescription: null, researchPartners: [] });
    expect(missingItems(sections)).toEqual([]);
  });

  describe('organization', () => {
    it('asks a SUPPLIER for the sector of its clients', () => {
      const sections = checklistWith({}, { aiRole: 'SUPPLIER', clientSectorCode: null });
      expect(missingIn(sections, 'ORGANIZATION')).toEqual([{ section: 'ORGANIZATION', field: 'clientSectorCode', code: 'REQUIRED' }]);
    });

    it('is complete for a SUPPLIER that names the sector of its clients', () => {
      expect(missingIn(checklistWith({}, { aiRole: 'SUPPLIER', clientSectorCode: 'HEALTH_AI' }), 'ORGANIZATION')).toEqual([]);
    });

    it('does not ask an ADOPTER for the sector of its clients', () => {
      expect(missingIn(checklistWith({}, { aiRole: 'ADOPTER', clientSectorCode: null }), 'ORGANIZATION')).toEqual([]);
    });

    it('needs the legal name and the NEQ', () => {
      const sections = sut({ legalName: '', neq: '' }, aCompleteProfile(), aCompleteContent(), TODAY);
      expect(missingIn(sections, 'ORGANIZATION').map((item) => item.field)).toEqual(['legalName', 'neq']);
    });

    it.each([
      ['employees', { employees: 0 }],
      ['annualRevenueCents', { annualRevenueCents: 0 }],
    ])('takes 0 as an answer for %s', (_field, profile) => {
      expect(missingIn(checklistWith({}, profile), 'ORGANIZATION')).toEqual([]);
    });
  });

  describe('budget', () => {
    it('wants a positive amount requested: 0 is answered but MUST_BE_POSITIVE', () => {
      expect(missingIn(checklistWith({ amountRequestedCents: 0 }), 'BUDGET')).toEqual([{ section: 'BUDGET', field: 'amountRequestedCents', code: 'MUST_BE_POSITIVE' }]);
    });

    it('refuses a negative amount requested', () => {
      expect(missingIn(checklistWith({ amountRequestedCents: -1 }), 'BUDGET')).toEqual([{ section: 'BUDGET', field: 'amountRequestedCents', code: 'MUST_BE_POSITIVE' }]);
    });

    it('accepts one cent requested', () => {
      expect(missingIn(checklistWith({ amountRequestedCents: 1 }), 'BUDGET')).toEqual([]);
    });

    it('says only REQUIRED, not MUST_BE_POSITIVE, when no amount is requested yet', () => {
      expect(missingIn(checklistWith({ amountRequestedCents: null }), 'BUDGET')).toEqual([{ section: 'BUDGET', field: 'amountRequestedCents', code: 'REQUIRED' }]);
    });

    it('wants at least one co-investment source', () => {
      expect(missingIn(checklistWith({ coInvestments: [] }), 'BUDGET')).toEqual([{ section: 'BUDGET', field: 'coInvestments', code: 'AT_LEAST_ONE' }]);
    });

    it('takes 0 as an answer for the other public funding, and null as no answer', () => {
      expect(missingIn(checklistWith({ otherPublicFundingCents: 0 }), 'BUDGET')).toEqual([]);
      expect(missingIn(checklistWith({ otherPublicFundingCents: null }), 'BUDGET')).toEqual([
        { section: 'BUDGET', field: 'otherPublicFundingCents', code: 'REQUIRED' },
      ]);
    });
  });

  describe('jobs and milestones', () => {
    it.each([
      ['today', TODAY],
      ['yesterday', '2026-11-22'],
      ['last year', '2025-12-31'],
    ])('refuses a milestone due %s', (_when, dueOn) => {
      const sections = checklistWith({ milestones: [aMilestone(), aMilestone({ dueOn })] });
      expect(missingIn(sections, 'JOBS_AND_MILESTONES')).toEqual([{ section: 'JOBS_AND_MILESTONES', field: 'milestones', code: 'MUST_BE_LATER_THAN_TODAY' }]);
    });

    it('accepts a milestone due tomorrow', () => {
      expect(missingIn(checklistWith({ milestones: [aMilestone({ dueOn: '2026-11-24' })] }), 'JOBS_AND_MILESTONES')).toEqual([]);
    });

    it('takes 0 AI jobs as an answer, and null as no answer', () => {
      expect(missingIn(checklistWith({ aiJobsPlanned: 0 }), 'JOBS_AND_MILESTONES')).toEqual([]);
      expect(missingIn(checklistWith({ aiJobsPlanned: null }), 'JOBS_AND_MILESTONES')).toEqual([
        { section: 'JOBS_AND_MILESTONES', field: 'aiJobsPlanned', code: 'REQUIRED' },
      ]);
    });
  });

  describe('project', () => {
    it('takes false as an answer for data available and ML staff in place', () => {
      expect(missingIn(checklistWith({ dataAvailable: false, mlStaffInPlace: false }), 'PROJECT')).toEqual([]);
    });

    it('takes an empty text as no answer', () => {
      expect(missingIn(checklistWith({ title: '' }), 'PROJECT')).toEqual([{ section: 'PROJECT', field: 'title', code: 'REQUIRED' }]);
    });
  });

  describe('declarations', () => {
    it.each(['declaresAccuracy', 'consentsToProcessing', 'acknowledgesAutomatedScreening'] as const)('wants %s accepted', (field) => {
      const sections = checklistWith({ [field]: false });
      expect(sections.find((status) => status.section === 'DECLARATIONS')).toEqual({
        section: 'DECLARATIONS',
        complete: false,
        missing: [{ section: 'DECLARATIONS', field, code: 'MUST_BE_ACCEPTED' }],
      });
    });
  });
});

describe(missingItems.name, () => {
  it('gives the missing items of every section, in section order', () => {
    const sections = checklistWith({ title: null, coInvestments: [], declaresAccuracy: false });
    expect(missingItems(sections).map((item) => `${item.section}.${item.field}`)).toEqual(['PROJECT.title', 'BUDGET.coInvestments', 'DECLARATIONS.declaresAccuracy']);
  });
});

describe(flagshipUseCase.name, () => {
  const sut = flagshipUseCase;

  it('reads OTHER as no flagship use case', () => {
    expect(sut('OTHER')).toBeNull();
  });

  it('keeps a flagship use case, and no answer as no answer', () => {
    expect(sut('REALTIME_QUALITY_INSPECTION')).toBe('REALTIME_QUALITY_INSPECTION');
    expect(sut(null)).toBeNull();
  });
});
