import { CreateProgramReference1764000000000 } from './1764000000000-CreateProgramReference';
import { InsertProgramFa20261764000000001 } from './1764000000001-InsertProgramFa2026';
import { CreateJobQueue1764000000002 } from './1764000000002-CreateJobQueue';
import { CreateOutbox1764000000003 } from './1764000000003-CreateOutbox';
import { CreateDemoDataLoad1764000000004 } from './1764000000004-CreateDemoDataLoad';
import { CreateAuditTrail1764000000005 } from './1764000000005-CreateAuditTrail';
import { CreateAccounts1764000000006 } from './1764000000006-CreateAccounts';
import { CreatePortalSessionsAndLoginThrottle1764000000007 } from './1764000000007-CreatePortalSessionsAndLoginThrottle';
import { CreateIntake1764000000008 } from './1764000000008-CreateIntake';
import { CreateLedger1764000000009 } from './1764000000009-CreateLedger';
import { CreateReviewDeclarations1764000000010 } from './1764000000010-CreateReviewDeclarations';
import { CreateReviews1764000000011 } from './1764000000011-CreateReviews';
import { CreateRecommendationsAndDecisions1764000000012 } from './1764000000012-CreateRecommendationsAndDecisions';
import { CreateAgreements1764000000013 } from './1764000000013-CreateAgreements';
import { CreateLedgerExports1764000000014 } from './1764000000014-CreateLedgerExports';
import { BoundReportedSpending1764000000015 } from './1764000000015-BoundReportedSpending';
import { CreateRegionalTargets1764000000016 } from './1764000000016-CreateRegionalTargets';
import { CreateProgramSettingsVersions1764000000017 } from './1764000000017-CreateProgramSettingsVersions';

export { JOB_QUEUE_SCHEMA } from './1764000000002-CreateJobQueue';
export { APPLICATION_ROLE } from './1764000000009-CreateLedger';

/** Every migration, in order. Listed explicitly so one data source serves the CLI, tests and dist. */
export const MIGRATIONS = [
  CreateProgramReference1764000000000,
  InsertProgramFa20261764000000001,
  CreateJobQueue1764000000002,
  CreateOutbox1764000000003,
  CreateDemoDataLoad1764000000004,
  CreateAuditTrail1764000000005,
  CreateAccounts1764000000006,
  CreatePortalSessionsAndLoginThrottle1764000000007,
  CreateIntake1764000000008,
  CreateLedger1764000000009,
  CreateReviewDeclarations1764000000010,
  CreateReviews1764000000011,
  CreateRecommendationsAndDecisions1764000000012,
  CreateAgreements1764000000013,
  CreateLedgerExports1764000000014,
  BoundReportedSpending1764000000015,
  CreateRegionalTargets1764000000016,
  CreateProgramSettingsVersions1764000000017,
];
