import { Injectable } from '@nestjs/common';
import { ApplicationState, ApplicationsService, QueueItem } from '@fa/intake';
import { QUEUE_STATES } from './review-states';
import { Assignment, AssignmentsService } from './assignments.service';
import { ConflictDeclarationsService, DeclarationKind } from './conflict-declarations.service';

/** The largest page of the queue. */
export const QUEUE_MAX_LIMIT = 500;

export interface ReviewQueueQuery {
  status?: ApplicationState;
  region?: string;
  sector?: string;
  outcome?: string;
  /** Only the files assigned to the caller, or those nobody took yet. */
  assigned?: 'me' | 'unassigned';
  sort?: 'score' | 'age';
  limit?: number;
}

export interface ReviewQueueEntry extends QueueItem {
  /** The caller's latest conflict-of-interest declaration on the file. */
  myDeclaration: DeclarationKind | null;
  assignees: Assignment[];
}

/**
 * The reviewers' work queue as the API and the portal show it: the intake's submitted files,
 * with who took each one and the caller's own declaration.
 */
@Injectable()
export class ReviewQueue {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly assignments: AssignmentsService,
    private readonly conflicts: ConflictDeclarationsService,
  ) {}

  async list(accountId: string, query: ReviewQueueQuery): Promise<ReviewQueueEntry[]> {
    // Assignments live in the review context: the intake's query is narrowed to their files, in SQL.
    const assigned = query.assigned === undefined ? null : await this.assignments.assignedApplicationIds(query.assigned === 'me' ? accountId : null);
    const items = await this.applications.queue({
      statuses: query.status ? [query.status] : [...QUEUE_STATES],
      regionCode: query.region, sectorCode: query.sector, outcome: query.outcome, sort: query.sort ?? 'score', limit: query.limit ?? 100,
      onlyIds: query.assigned === 'me' ? (assigned ?? []) : undefined,
      exceptIds: query.assigned === 'unassigned' ? (assigned ?? []) : undefined,
    });
    const assignees = await this.assignments.assignedFiles(items.map((item) => item.id));
    const declarations = await this.conflicts.latestFor(accountId, items.map((item) => item.id));
    return items.map((item) => ({ ...item, myDeclaration: declarations.get(item.id)?.kind ?? null, assignees: assignees.get(item.id) ?? [] }));
  }

}
