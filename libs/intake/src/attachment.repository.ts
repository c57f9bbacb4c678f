import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttachmentCategory, AttachmentRecord } from './application.types';

const SELECT = `
  SELECT id, application_id AS "applicationId", category, original_name AS "originalName", media_type AS "mediaType",
         size_bytes AS "sizeBytes", sha256, storage_key AS "storageKey", uploaded_at AS "uploadedAt"
    FROM application_attachment`;

/** Metadata of attachments; the bytes are in the attachment storage. */
@Injectable()
export class AttachmentRepository {
  async insert(manager: EntityManager, attachment: AttachmentRecord & { uploadedBy: string }): Promise<void> {
    await manager.query(
      `INSERT INTO application_attachment (id, application_id, category, original_name, media_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [attachment.id, attachment.applicationId, attachment.category, attachment.originalName, attachment.mediaType, attachment.sizeBytes,
        attachment.sha256, attachment.storageKey, attachment.uploadedBy, attachment.uploadedAt],
    );
  }

  list(manager: EntityManager, applicationId: string): Promise<AttachmentRecord[]> {
    return manager.query(`${SELECT} WHERE application_id = $1 ORDER BY uploaded_at, id`, [applicationId]) as Promise<AttachmentRecord[]>;
  }

  /** Attachments of the application, counting either the milestone evidence or the application's own (each has its limit). */
  async count(manager: EntityManager, applicationId: string, evidence = false): Promise<number> {
    const rows = (await manager.query(
      `SELECT count(*)::int AS n FROM application_attachment WHERE application_id = $1 AND (category = 'MILESTONE_EVIDENCE') = $2`,
      [applicationId, evidence],
    )) as { n: number }[];
    return rows[0].n;
  }

  async find(manager: EntityManager, applicationId: string, id: string): Promise<AttachmentRecord | null> {
    const rows = (await manager.query(`${SELECT} WHERE application_id = $1 AND id = $2`, [applicationId, id])) as AttachmentRecord[];
    return rows[0] ?? null;
  }

  /** The category of each attachment of an application, by id. */
  async categoriesOf(manager: EntityManager, applicationId: string): Promise<Map<string, AttachmentCategory>> {
    const rows = (await manager.query('SELECT id, category FROM application_attachment WHERE application_id = $1', [applicationId])) as { id: string; category: AttachmentCategory }[];
    return new Map(rows.map((row) => [row.id, row.category]));
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM application_attachment WHERE id = $1', [id]);
  }
}
