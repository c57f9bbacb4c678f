import { Injectable } from '@nestjs/common';
import { PersonalDataService } from '@fa/identity';
import { ApplicationsService } from '@fa/intake';

/** "My data" gathers what each context holds about a person (A-2.1; reliability promise 16). */
@Injectable()
export class PersonalDataExport {
  constructor(
    private readonly identity: PersonalDataService,
    private readonly intake: ApplicationsService,
  ) {}

  async of(accountId: string): Promise<Record<string, unknown>> {
    const [identity, intake] = await Promise.all([this.identity.export(accountId), this.intake.personalDataOf(accountId)]);
    return { ...identity, intake };
  }
}
