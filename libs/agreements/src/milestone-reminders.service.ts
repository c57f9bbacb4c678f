import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, runInTransaction } from '@fa/shared';
import { AccountsService } from '@fa/identity';
import { ApplicationsService } from '@fa/intake';
import { Outbox } from '@fa/notifications';
import { AgreementRepository } from './agreement.repository';

/** A milestone whose report is due and not yet filed (or only returned). */
export interface DueMilestone {
  agreementId: string;
  applicationId: string;
  trackingNumber: string | null;
  title: string | null;
  organizationName: string;
  milestoneNumber: number;
  milestoneTitle: string;
  dueOn: string;
  reminderSentAt: Date | null;
  overdueNoticeSentAt: Date | null;
}

type Notice = 'REMINDER' | 'OVERDUE';

/**
 * Milestone reminders (fund-rules.md §7; issue 6): the enterprise is mailed once when a report
 * falls due within the settings' days (14 by default) and once when it is overdue — "once" held
 * by the database: each notice is sent only by the transaction whose UPDATE … WHERE … IS NULL
 * marks it. Run by the worker on a schedule; staff see the overdue files.
 */
@Injectable()
export class MilestoneRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly applications: ApplicationsService,
    private readonly accounts: AccountsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the reminders and overdue notices due today; answers how many of each were sent. */
  async sendDue(): Promise<{ reminders: number; overdueNotices: number }> {
    const today = this.clock.today(this.config.APP_TIME_ZONE);
    const { reminderDaysBefore } = await this.agreements.settings(this.dataSource.manager, this.config.PROGRAM_CODE);
    const open = await this.unreported(null);
    const reminders = open.filter((milestone) => milestone.reminderSentAt === null && milestone.dueOn >= today && milestone.dueOn <= addDays(today, reminderDaysBefore));
    const overdue = open.filter((milestone) => milestone.overdueNoticeSentAt === null && milestone.dueOn < today);
    let sent = { reminders: 0, overdueNotices: 0 };
    for (const milestone of reminders) if (await this.notify(milestone, 'REMINDER')) sent = { ...sent, reminders: sent.reminders + 1 };
    for (const milestone of overdue) if (await this.notify(milestone, 'OVERDUE')) sent = { ...sent, overdueNotices: sent.overdueNotices + 1 };
    return sent;
  }

  /** Reports overdue today, for staff. */
  async overdue(): Promise<DueMilestone[]> {
    return this.unreported(this.clock.today(this.config.APP_TIME_ZONE));
  }

  private async notify(milestone: DueMilestone, notice: Notice): Promise<boolean> {
    const submitterId = await this.applications.lastSubmitter(this.dataSource.manager, milestone.applicationId);
    const recipient = submitterId ? await this.accounts.findById(submitterId) : null;
    if (!recipient) return false;
    const column = notice === 'REMINDER' ? 'reminder_sent_at' : 'overdue_notice_sent_at';
    return runInTransaction(this.dataSource, async (manager) => {
      const marked = (await manager.query(
        `UPDATE agreement_milestone SET ${column} = $3 WHERE agreement_id = $1 AND number = $2 AND ${column} IS NULL RETURNING number`,
        [milestone.agreementId, milestone.milestoneNumber, this.clock.now()],
      )) as [unknown[], number] | unknown[];
      // pg returns [rows, count] for UPDATE … RETURNING through TypeORM.
      const rows = Array.isArray(marked[0]) ? (marked[0] as unknown[]) : (marked as unknown[]);
      if (rows.length === 0) return false;
      await this.outbox.enqueue(manager, {
        type: notice === 'REMINDER' ? 'milestone-report-reminder' : 'milestone-report-overdue',
        to: { email: recipient.email, name: recipient.displayName },
        locale: recipient.preferredLocale,
        payload: {
          trackingNumber: milestone.trackingNumber, title: milestone.title, milestoneNumber: milestone.milestoneNumber, milestoneTitle: milestone.milestoneTitle,
          dueOn: milestone.dueOn, agreementUrl: `${this.config.PUBLIC_URL}/agreements/${milestone.agreementId}`,
        },
      });
      return true;
    });
  }

  /** Milestones of signed agreements without an accepted or pending report; only those due before `dueBefore` when given. */
  private async unreported(dueBefore: string | null): Promise<DueMilestone[]> {
    return this.dataSource.query(
      `SELECT g.id AS "agreementId", g.application_id AS "applicationId", a.tracking_number AS "trackingNumber", a.title, o.legal_name AS "organizationName",
              m.number AS "milestoneNumber", m.title AS "milestoneTitle", to_char(m.due_on, 'YYYY-MM-DD') AS "dueOn",
              m.reminder_sent_at AS "reminderSentAt", m.overdue_notice_sent_at AS "overdueNoticeSentAt"
         FROM agreement_milestone m
         JOIN agreement g ON g.id = m.agreement_id AND g.status = 'SIGNED'
         JOIN application a ON a.id = g.application_id
         JOIN organization o ON o.id = g.organization_id
        WHERE NOT EXISTS (
                SELECT 1 FROM milestone_report r LEFT JOIN milestone_report_review v ON v.report_id = r.id
                 WHERE r.agreement_id = m.agreement_id AND r.milestone_number = m.number AND (v.outcome IS NULL OR v.outcome = 'ACCEPTED'))
          AND ($1::date IS NULL OR m.due_on < $1::date)
        ORDER BY m.due_on, a.tracking_number`,
      [dueBefore],
    ) as Promise<DueMilestone[]>;
  }
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
