import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, isUuid, runInTransaction } from '@fa/shared';
import { AuditTrail } from '@fa/identity';
import { ProgramsService } from '@fa/programs';
import { ApplicationAccess, IntakeCaller } from './application-access';
import { AttachmentCategory, AttachmentRecord } from './application.types';
import { assertEditable } from './applications.service';
import { ApplicationState } from './application-state';
import { MILESTONE_EVIDENCE } from './application.types';

/** Milestone evidence is attached while the agreement runs. */
const EVIDENCE_STATES: readonly ApplicationState[] = ['AGREEMENT_SIGNED', 'ACTIVE'];
/** Evidence accumulates over several reports: a larger allowance than the application's. */
const EVIDENCE_LIMIT_FACTOR = 3;
import { AttachmentRepository } from './attachment.repository';
import { AttachmentStorage } from './attachment-storage';
import { ACCEPTED_MEDIA_TYPES, cleanFileName, detectAcceptedType } from './attachment-type';
import { IntakeError, IntakeErrorCode } from './intake.error';

export interface AttachmentLimits {
  maxBytes: number;
  maxCount: number;
}

/** Evidence attached to an application: checked from its bytes, stored under a generated name. */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attachments: AttachmentRepository,
    private readonly storage: AttachmentStorage,
    private readonly access: ApplicationAccess,
    private readonly programs: ProgramsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async limits(): Promise<AttachmentLimits> {
    const parameters = await this.programs.getScreeningParameters(this.config.PROGRAM_CODE);
    return { maxBytes: parameters.attachmentMaxBytes, maxCount: parameters.attachmentMaxCount };
  }

  async upload(caller: IntakeCaller, applicationId: string, file: { category: AttachmentCategory; originalName: string; bytes: Buffer }): Promise<AttachmentRecord> {
    const limits = await this.limits();
    await this.access.visible(caller, applicationId);
    if (file.bytes.length > limits.maxBytes) throw tooLarge(limits.maxBytes);
    const mediaType = await detectAcceptedType(file.bytes);
    if (!mediaType) {
      throw new IntakeError(IntakeErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED, 'Only PDF, PNG, JPEG and XLSX files are accepted (recognised from their content).', { accepted: Object.values(ACCEPTED_MEDIA_TYPES) });
    }
    const id = randomUUID();
    const record: AttachmentRecord = {
      id, applicationId, category: file.category, originalName: cleanFileName(file.originalName), mediaType, sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'), storageKey: `${id.slice(0, 2)}/${id}`, uploadedAt: this.clock.now(),
    };
    await this.storage.put(record.storageKey, file.bytes);
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        const application = await this.access.lock(manager, applicationId);
        const evidence = file.category === MILESTONE_EVIDENCE;
        // Evidence of spending follows the agreement's signature; other attachments belong to an editable application.
        if (evidence && !EVIDENCE_STATES.includes(application.status)) throw IntakeError.invalidTransition(application.status, application.status);
        if (!evidence) assertEditable(application.status);
        const maxCount = limits.maxCount * (evidence ? EVIDENCE_LIMIT_FACTOR : 1);
        if ((await this.attachments.count(manager, applicationId, evidence)) >= maxCount) {
          throw new IntakeError(IntakeErrorCode.ATTACHMENT_LIMIT_REACHED, `This file already holds ${maxCount} ${evidence ? 'evidence files' : 'attachments'}, the most it may.`, { maxCount, category: file.category });
        }
        await this.attachments.insert(manager, { ...record, uploadedBy: caller.account.id });
        await this.audit.recordBy(manager, caller, 'application.attachment_added', { type: 'application', id: applicationId }, { attachmentId: id, mediaType, sizeBytes: record.sizeBytes, sha256: record.sha256 });
      });
    } catch (error) {
      // The bytes were written before the row; without the row they must not stay behind.
      await this.storage.remove(record.storageKey);
      throw error;
    }
    return record;
  }

  async list(caller: IntakeCaller, applicationId: string): Promise<AttachmentRecord[]> {
    await this.access.visible(caller, applicationId);
    return this.attachments.list(this.dataSource.manager, applicationId);
  }

  async open(caller: IntakeCaller, applicationId: string, attachmentId: string): Promise<{ attachment: AttachmentRecord; content: Readable }> {
    await this.access.visible(caller, applicationId);
    const attachment = await this.findOrFail(this.dataSource.manager, applicationId, attachmentId);
    return { attachment, content: this.storage.open(attachment.storageKey) };
  }

  /** Removes an attachment from a draft that was never submitted (submitted evidence stays with the file). */
  async remove(caller: IntakeCaller, applicationId: string, attachmentId: string): Promise<void> {
    await this.access.visible(caller, applicationId);
    const attachment = await runInTransaction(this.dataSource, async (manager) => {
      const application = await this.access.lock(manager, applicationId);
      if (application.status !== 'DRAFT') assertEditable('SUBMITTED');
      const found = await this.findOrFail(manager, applicationId, attachmentId);
      await this.attachments.remove(manager, attachmentId);
      await this.audit.recordBy(manager, caller, 'application.attachment_removed', { type: 'application', id: applicationId }, { attachmentId });
      return found;
    });
    await this.storage.remove(attachment.storageKey);
  }

  private async findOrFail(manager: EntityManager, applicationId: string, attachmentId: string): Promise<AttachmentRecord> {
    const attachment = isUuid(attachmentId) ? await this.attachments.find(manager, applicationId, attachmentId) : null;
    if (!attachment) throw new IntakeError(IntakeErrorCode.ATTACHMENT_NOT_FOUND, 'No such attachment.');
    return attachment;
  }

}

export function tooLarge(maxBytes: number): IntakeError {
  return new IntakeError(IntakeErrorCode.ATTACHMENT_TOO_LARGE, `A file may not exceed ${Math.floor(maxBytes / 1048576)} MB.`, { maxBytes, maxMegabytes: Math.floor(maxBytes / 1048576) });
}
