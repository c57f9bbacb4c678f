import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, runInTransaction } from '@fa/shared';
import { Outbox } from '@fa/notifications';
import { AccountsService, OrganizationsService, Role } from '@fa/identity';
import { ApplicationsService, AttachmentsService, OrganizationProfilesService, SubmissionService } from '@fa/intake';
import { ConflictDeclarationsService, RecommendationsService, ReviewsService, ScreeningConfirmationService } from '@fa/review';
import { ensureDemoAccount } from './demo-accounts';
import { loadDemoIntake } from './demo-intake';
import { loadDemoReview } from './demo-review';

export const DEMO_INBOX = 'demo@fonds-acceleration.localhost';

/** Known to anyone who reads this file: demo data is never loaded in production. */
export const DEMO_PASSWORD = 'démonstration Fonds Accélération 2026';

/** One account per role (two reviewers: a file needs two reviews), for trying the portal; printed by `npm start`. */
export const DEMO_ACCOUNTS: { role: Role; email: string; displayName: string }[] = [
  { role: 'APPLICANT', email: 'pme@demo.fonds-acceleration.localhost', displayName: 'Léa Bouchard (PME démo)' },
  { role: 'REVIEWER', email: 'analyste@demo.fonds-acceleration.localhost', displayName: 'Ana Lyste (analyste démo)' },
  { role: 'REVIEWER', email: 'analyste2@demo.fonds-acceleration.localhost', displayName: 'Rémi Viseur (second analyste démo)' },
  { role: 'APPROVER', email: 'approbateur@demo.fonds-acceleration.localhost', displayName: 'Paul Prouveur (approbateur démo)' },
  { role: 'AUDITOR', email: 'auditeur@demo.fonds-acceleration.localhost', displayName: 'Aude Itrice (auditrice démo)' },
  { role: 'ADMINISTRATOR', email: 'admin@demo.fonds-acceleration.localhost', displayName: 'Ada Min (administratrice démo)' },
];

interface DemoDataSet {
  name: string;
  load(dataSource: DataSource): Promise<void>;
}

/**
 * Demo data for the embedded default, loaded once per database through the domain services
 * (never by inserting rows behind their back). Each set records itself in demo_data_load in
 * the same transaction as its data, so a crash leaves it either loaded or not.
 */
@Injectable()
export class DemoDataService {
  private readonly sets: DemoDataSet[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly organizations: OrganizationsService,
    private readonly profiles: OrganizationProfilesService,
    private readonly applications: ApplicationsService,
    private readonly attachments: AttachmentsService,
    private readonly submissions: SubmissionService,
    private readonly conflicts: ConflictDeclarationsService,
    private readonly confirmations: ScreeningConfirmationService,
    private readonly reviews: ReviewsService,
    private readonly recommendations: RecommendationsService,
  ) {
    this.sets = [
      {
        // A message in each language through outbox → worker → SMTP, so /dev/mail shows the mail path working.
        name: 'welcome-mail',
        load: () =>
          runInTransaction(this.dataSource, async (manager) => {
            for (const locale of ['fr', 'en'] as const) {
              await this.outbox.enqueue(manager, {
                type: 'test-message',
                to: { email: DEMO_INBOX, name: locale === 'fr' ? 'Équipe de démonstration' : 'Demo team' },
                locale,
                payload: { requestedBy: 'npm start', requestedAt: this.clock.now().toISOString() },
              });
            }
            await this.markLoaded(manager, 'welcome-mail');
          }),
      },
      { name: 'demo-accounts', load: () => this.loadDemoAccounts() },
      {
        // Made by the services in several transactions; marked last, so an interrupted load is visible as not loaded.
        name: 'demo-intake',
        load: async () => {
          const { accounts, organizations, profiles, applications, attachments, submissions } = this;
          await loadDemoIntake({ accounts, organizations, profiles, applications, attachments, submissions }, DEMO_ACCOUNTS[0].email, this.clock.now());
          await this.dataSource.query('INSERT INTO demo_data_load (name) VALUES ($1)', ['demo-intake']);
        },
      },
      {
        name: 'demo-review',
        load: async () => {
          const { accounts, organizations, profiles, applications, submissions, conflicts, confirmations, reviews, recommendations } = this;
          const [applicant, reviewer, secondReviewer] = DEMO_ACCOUNTS.map((account) => account.email);
          await loadDemoReview({ accounts, organizations, profiles, applications, submissions, conflicts, confirmations, reviews, recommendations }, { applicant, reviewers: [reviewer, secondReviewer] }, this.clock.now());
          await this.dataSource.query('INSERT INTO demo_data_load (name) VALUES ($1)', ['demo-review']);
        },
      },
    ];
  }

  /** Loads every set not loaded yet; returns the names loaded now. */
  async loadAll(): Promise<string[]> {
    const loaded: string[] = [];
    for (const set of this.sets) {
      if (await this.isLoaded(set.name)) continue;
      await set.load(this.dataSource);
      loaded.push(set.name);
    }
    return loaded;
  }

  /**
   * Each account goes the way a person's would: the applicant registers and confirms through
   * the link of its verification mail; staff are created and choose their password through
   * their set-up link.
   */
  private async loadDemoAccounts(): Promise<void> {
    // Each account is its own transaction; after an interrupted load, the ones made are kept.
    for (const person of DEMO_ACCOUNTS) await ensureDemoAccount(this.accounts, this.dataSource, person, DEMO_PASSWORD, 'demo data (npm start)');
    await this.dataSource.query('INSERT INTO demo_data_load (name) VALUES ($1)', ['demo-accounts']);
  }

  private async isLoaded(name: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM demo_data_load WHERE name = $1', [name])) as unknown[];
    return rows.length > 0;
  }

  private async markLoaded(manager: { query: DataSource['query'] }, name: string): Promise<void> {
    // The primary key makes a concurrent second load fail and roll back instead of duplicating data.
    await manager.query('INSERT INTO demo_data_load (name) VALUES ($1)', [name]);
  }
}
