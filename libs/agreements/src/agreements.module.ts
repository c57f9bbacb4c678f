import { Module } from '@nestjs/common';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { LedgerModule } from '@fa/ledger';
import { ProgramsModule } from '@fa/programs';
import { ReviewModule } from '@fa/review';
import { AgreementAccess } from './agreement-access';
import { AgreementRepository } from './agreement.repository';
import { AgreementsService } from './agreements.service';
import { AmendmentsService } from './amendments.service';
import { MilestoneRemindersService } from './milestone-reminders.service';
import { MilestoneReportsService } from './milestone-reports.service';
import { PaymentOrdersService } from './payment-orders.service';
import { TrancheReleasesService } from './tranche-releases.service';

const SERVICES = [AgreementsService, MilestoneReportsService, TrancheReleasesService, PaymentOrdersService, AmendmentsService, MilestoneRemindersService];

/** Agreements, milestone reports, tranche releases with the co-investment gate, payment orders and amendments. */
@Module({
  imports: [IdentityModule, IntakeModule, LedgerModule, ProgramsModule, ReviewModule],
  providers: [...SERVICES, AgreementRepository, AgreementAccess],
  exports: SERVICES,
})
export class AgreementsModule {}
