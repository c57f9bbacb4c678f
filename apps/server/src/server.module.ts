import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, SharedModule, httpLoggerParams } from '@fa/shared';
import { DatabaseModule } from '@fa/database';
import { ProgramsModule } from '@fa/programs';
import { NotificationsModule } from '@fa/notifications';
import { IdentityModule } from '@fa/identity';
import { IntakeModule } from '@fa/intake';
import { LedgerModule } from '@fa/ledger';
import { ReviewModule } from '@fa/review';
import { AgreementsModule } from '@fa/agreements';
import { AuditExportsModule } from '@fa/audit-exports';
import { RolloutModule } from '@fa/rollout';
import { AdministrationModule } from '@fa/administration';
import { AuthApiController } from './api/auth-api.controller';
import { OrganizationsApiController } from './api/organizations-api.controller';
import { AuditApiController } from './api/audit-api.controller';
import { ProgramsApiController } from './api/programs-api.controller';
import { ApplicationsApiController } from './api/intake/applications-api.controller';
import { LedgerApiController } from './api/ledger-api.controller';
import { ReviewApiController } from './api/review-api.controller';
import { DecisionApiController } from './api/decision-api.controller';
import { AgreementsApiController } from './api/agreements/agreements-api.controller';
import { PaymentOrdersApiController } from './api/agreements/payment-orders-api.controller';
import { LedgerExportApiController } from './api/exports/ledger-export-api.controller';
import { RolloutApiController } from './api/rollout/rollout-api.controller';
import { ProgramSettingsApiController } from './api/program-settings-api.controller';
import { RolloutPagesController } from './portal/rollout/rollout-pages.controller';
import { ProgramSettingsPageController } from './portal/admin/program-settings-page.controller';
import { OpenDataApiController } from './api/rollout/open-data-api.controller';
import { AuditExportApiController } from './api/exports/audit-export-api.controller';
import { AccessGuard } from './auth/access.guard';
import { CsrfGuard } from './auth/csrf.guard';
import { JwtStrategy, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { DevMailController } from './dev/dev-mail.controller';
import { HealthController } from './health/health.controller';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { HomeController } from './portal/home.controller';
import { LanguageController } from './portal/language.controller';
import { AuthPagesController } from './portal/auth-pages.controller';
import { PasswordPagesController } from './portal/password-pages.controller';
import { MyDataController } from './portal/my-data.controller';
import { AuditPageController } from './portal/audit-page.controller';
import { InvitationPagesController } from './portal/invitation-pages.controller';
import { AdminAccountsController } from './portal/admin-accounts.controller';
import { PageRenderer } from './portal/page-renderer';
import { OrganizationPagesController } from './portal/intake/organization-pages.controller';
import { ApplicationPagesController } from './portal/intake/application-pages.controller';
import { ApplicationSectionPagesController } from './portal/intake/application-section-pages.controller';
import { ApplicationAttachmentPagesController } from './portal/intake/application-attachment-pages.controller';
import { ApplicationScreeningPagesController } from './portal/intake/application-screening-pages.controller';
import { ApplicationPageModels } from './portal/intake/application-page-models';
import { IntakePageOptions } from './portal/intake/intake-page-options';
import { PersonalDataExport } from './portal/personal-data-export';
import { ReviewQueuePageController } from './portal/review/review-queue-page.controller';
import { ReviewFilePagesController } from './portal/review/review-file-pages.controller';
import { DecisionLetterPageController } from './portal/review/decision-letter-page.controller';
import { ReviewQueuePageModel } from './portal/review/review-queue-page-model';
import { ReviewFilePageModels } from './portal/review/review-file-page-model';
import { AgreementPagesController } from './portal/agreements/agreement-pages.controller';
import { AgreementApplicantPagesController } from './portal/agreements/agreement-applicant-pages.controller';
import { AgreementApproverPagesController } from './portal/agreements/agreement-approver-pages.controller';
import { ReportReviewPagesController } from './portal/agreements/report-review-pages.controller';
import { AgreementCreationPageController } from './portal/agreements/agreement-creation-page.controller';
import { PaymentOrderPagesController } from './portal/agreements/payment-order-pages.controller';
import { OverdueReportsPageController } from './portal/agreements/overdue-reports-page.controller';
import { AgreementPageModels } from './portal/agreements/agreement-page-model';
import { AgreementListPageModel } from './portal/agreements/agreement-list-page-model';
import { AgreementPageResponder } from './portal/agreements/agreement-page-responder';
import { PaymentOrdersPageModel } from './portal/agreements/payment-orders-page-model';
import { LedgerPagesController } from './portal/exports/ledger-pages.controller';
import { LedgerPageModel } from './portal/exports/ledger-page-model';
import { ExportPageModels } from './portal/exports/export-page-models';

const INTAKE_PAGES = [OrganizationPagesController, ApplicationPagesController, ApplicationSectionPagesController, ApplicationAttachmentPagesController, ApplicationScreeningPagesController];
const EXPORT_APIS = [LedgerExportApiController, AuditExportApiController];
const EXPORT_PAGES = [LedgerPagesController];
const EXPORT_PAGE_MODELS = [LedgerPageModel, ExportPageModels];
const REVIEW_PAGES = [ReviewQueuePageController, ReviewFilePagesController, DecisionLetterPageController];
const AGREEMENT_PAGES = [
  AgreementPagesController, AgreementApplicantPagesController, AgreementApproverPagesController, ReportReviewPagesController, AgreementCreationPageController, PaymentOrderPagesController,
  OverdueReportsPageController,
];
const AGREEMENT_PAGE_MODELS = [AgreementPageModels, AgreementListPageModel, AgreementPageResponder, PaymentOrdersPageModel];

export interface ServerModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The HTTP entry: portal pages, REST API, OpenAPI, health. */
@Module({})
export class ServerModule {
  static forRoot({ config, clock }: ServerModuleOptions): DynamicModule {
    const development = config.NODE_ENV !== 'production';
    return {
      module: ServerModule,
      imports: [
        SharedModule.forRoot({ config, clock }),
        LoggerModule.forRoot(httpLoggerParams(config.LOG_LEVEL, 'fa-server')),
        DatabaseModule.forRoot('fa-server'),
        TerminusModule.forRoot({ logger: false }),
        ProgramsModule,
        NotificationsModule.forRoot({ role: 'producer' }),
        IdentityModule,
        IntakeModule,
        LedgerModule,
        ReviewModule,
        AgreementsModule,
        AuditExportsModule,
        RolloutModule,
        AdministrationModule,
        PassportModule,
        JwtModule.register({
          secret: config.API_TOKEN_SECRET,
          signOptions: { algorithm: 'HS256', expiresIn: config.API_TOKEN_MINUTES * 60, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        }),
      ],
      controllers: [HealthController, HomeController, LanguageController, ProgramsApiController, AuthApiController, OrganizationsApiController, ApplicationsApiController, LedgerApiController, ReviewApiController, DecisionApiController, AgreementsApiController, PaymentOrdersApiController, AuditApiController, AuthPagesController, PasswordPagesController, MyDataController, AuditPageController, InvitationPagesController, AdminAccountsController, ...INTAKE_PAGES, ...REVIEW_PAGES, ...AGREEMENT_PAGES, ...EXPORT_APIS, ...EXPORT_PAGES, RolloutApiController, OpenDataApiController, RolloutPagesController, ProgramSettingsApiController, ProgramSettingsPageController, ...(development ? [DevMailController] : [])],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Order matters: identify and authorise, then check the form's CSRF token.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: CsrfGuard },
        LocalStrategy,
        JwtStrategy,
        PageRenderer,
        ApplicationPageModels,
        PersonalDataExport,
        IntakePageOptions,
        ReviewQueuePageModel,
        ReviewFilePageModels,
        ...AGREEMENT_PAGE_MODELS,
        ...EXPORT_PAGE_MODELS,
      ],
    };
  }
}
