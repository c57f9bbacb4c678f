import { ValidationFailedError } from '@fa/shared';
import { normalizePatch } from './content-normalization';

describe(normalizePatch.name, () => {
  it('turns texts of spaces into no answer and trims the others', () => {
    expect(normalizePatch({ title: '   ', description: '  Vision  ', researchPartners: [' Mila ', '  '] })).toEqual({ title: null, description: 'Vision', researchPartners: ['Mila'] });
  });

  it('leaves fields that were not sent out of the patch', () => {
    expect(normalizePatch({ aiJobsPlanned: 3 })).toEqual({ aiJobsPlanned: 3 });
  });

  it('refuses a co-investment source or a milestone without a name', () => {
    expect(() => normalizePatch({ coInvestments: [{ sourceName: '  ', sourceType: 'OWN_FUNDS', amountCents: 1, evidenceAttachmentId: null }] })).toThrow(ValidationFailedError);
    expect(() => normalizePatch({ milestones: [{ title: ' ', dueOn: '2027-01-01' }] })).toThrow(ValidationFailedError);
  });
});
