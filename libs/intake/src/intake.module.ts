import { Module } from '@nestjs/common';
import { ProgramsModule } from '@fa/programs';
import { IdentityModule } from '@fa/identity';
import { ApplicationAccess } from './application-access';
import { ApplicationRepository } from './application.repository';
import { ApplicationsService } from './applications.service';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentStorage, LocalFolderStorage } from './attachment-storage';
import { AttachmentsService } from './attachments.service';
import { OrganizationProfileRepository } from './organization-profile.repository';
import { OrganizationProfilesService } from './organization-profiles.service';
import { ProgramReferences } from './program-references';
import { ScreeningRepository } from './screening.repository';
import { SubmissionService } from './submission.service';

/** SME intake: organization profiles, applications, attachments, submission and its automated screening. */
@Module({
  imports: [ProgramsModule, IdentityModule],
  providers: [
    ApplicationRepository,
    AttachmentRepository,
    OrganizationProfileRepository,
    ScreeningRepository,
    ApplicationAccess,
    ProgramReferences,
    { provide: AttachmentStorage, useClass: LocalFolderStorage },
    ApplicationsService,
    SubmissionService,
    AttachmentsService,
    OrganizationProfilesService,
  ],
  exports: [ApplicationsService, SubmissionService, AttachmentsService, OrganizationProfilesService],
})
export class IntakeModule {}
