import { Injectable } from '@nestjs/common';
import { PersonalDataService } from '@fa/identity';
import { ApplicationsService } from '@fa/intake';
import { ReviewPersonalData } from '@fa/review';

/** "My data" gathers what each context holds about a person (A-2.1; reliability promise 16). */
@Injectable()
export class PersonalDataExport {
  constructor(
    private readonly identity: PersonalDataService,
    private readonly intake: ApplicationsService,
    private readonly review: ReviewPersonalData,
  ) {}

  async of(accountId: string): Promise<Record<string, unknown>> {
    const [identity, intake, review] = await Promise.all([this.identity.export(accountId), this.intake.personalDataOf(accountId), this.review.of(accountId)]);
    return { ...identity, intake, review };
  }
}
