import {
  ACTIVE_STATES,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  ApplicationState,
  EDITABLE_STATES,
  WITHDRAWABLE_STATES,
  canTransition,
} from './application-state';

const TERMINAL_STATES: ApplicationState[] = ['DECLINED', 'COMPLETED', 'TERMINATED', 'WITHDRAWN'];
const AFTER_DECISION: ApplicationState[] = ['APPROVED', 'DECLINED', 'AGREEMENT_SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED'];

const allowed: Array<[ApplicationState, ApplicationState]> = APPLICATION_STATES.flatMap((from) =>
  APPLICATION_TRANSITIONS[from].map((to): [ApplicationState, ApplicationState] => [from, to]),
);
const refused: Array<[ApplicationState, ApplicationState]> = APPLICATION_STATES.flatMap((from) =>
  APPLICATION_STATES.filter((to) => !APPLICATION_TRANSITIONS[from].includes(to)).map((to): [ApplicationState, ApplicationState] => [from, to]),
);

describe(canTransition.name, () => {
  const sut = canTransition;

  it('has thirteen states and a list of transitions for each', () => {
    expect(APPLICATION_STATES).toHaveLength(13);
    expect(Object.keys(APPLICATION_TRANSITIONS).sort()).toEqual([...APPLICATION_STATES].sort());
    expect(allowed.length + refused.length).toBe(13 * 13);
  });

  it('lists only known states as targets, each once', () => {
    for (const from of APPLICATION_STATES) {
      const targets = APPLICATION_TRANSITIONS[from];
      expect(targets.every((to) => APPLICATION_STATES.includes(to))).toBe(true);
      expect(new Set(targets).size).toBe(targets.length);
    }
  });

  it('allows exactly the transitions of fund-rules.md §6', () => {
    expect(allowed.map(([from, to]) => `${from} → ${to}`).sort()).toEqual(
      [
        'DRAFT → SUBMITTED',
        'SUBMITTED → SCREENED',
        'SCREENED → IN_REVIEW',
        'IN_REVIEW → RECOMMENDED',
        'RECOMMENDED → APPROVED',
        'RECOMMENDED → DECLINED',
        'RECOMMENDED → IN_REVIEW',
        'APPROVED → AGREEMENT_SIGNED',
        'AGREEMENT_SIGNED → ACTIVE',
        'AGREEMENT_SIGNED → TERMINATED',
        'ACTIVE → COMPLETED',
        'ACTIVE → TERMINATED',
        'SCREENED → CHANGES_REQUESTED',
        'IN_REVIEW → CHANGES_REQUESTED',
        'CHANGES_REQUESTED → SUBMITTED',
        'DRAFT → WITHDRAWN',
        'SUBMITTED → WITHDRAWN',
        'SCREENED → WITHDRAWN',
        'IN_REVIEW → WITHDRAWN',
        'RECOMMENDED → WITHDRAWN',
        'CHANGES_REQUESTED → WITHDRAWN',
      ].sort(),
    );
  });

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(sut(from, to)).toBe(true);
  });

  it.each(refused)('refuses %s → %s', (from, to) => {
    expect(sut(from, to)).toBe(false);
  });

  it('never allows staying in the same state', () => {
    expect(APPLICATION_STATES.filter((state) => sut(state, state))).toEqual([]);
  });

  it.each(TERMINAL_STATES)('gives no way out of %s', (terminal) => {
    expect(APPLICATION_TRANSITIONS[terminal]).toEqual([]);
    expect(APPLICATION_STATES.filter((to) => sut(terminal, to))).toEqual([]);
  });

  it('has no other dead end than the terminal states', () => {
    expect(APPLICATION_STATES.filter((state) => APPLICATION_TRANSITIONS[state].length === 0).sort()).toEqual([...TERMINAL_STATES].sort());
  });

  it('reaches every state from DRAFT', () => {
    const reached = new Set<ApplicationState>(['DRAFT']);
    for (let frontier: ApplicationState[] = ['DRAFT']; frontier.length > 0; ) {
      frontier = frontier.flatMap((from) => APPLICATION_TRANSITIONS[from]).filter((to) => !reached.has(to));
      frontier.forEach((to) => reached.add(to));
    }
    expect([...reached].sort()).toEqual([...APPLICATION_STATES].sort());
  });
});

describe('WITHDRAWABLE_STATES', () => {
  it.each(WITHDRAWABLE_STATES)('lets the applicant withdraw from %s', (state) => {
    expect(canTransition(state, 'WITHDRAWN')).toBe(true);
  });

  it.each(AFTER_DECISION)('refuses a withdrawal once decided (%s)', (state) => {
    expect(canTransition(state, 'WITHDRAWN')).toBe(false);
    expect(WITHDRAWABLE_STATES).not.toContain(state);
  });

  it('are exactly the states from which WITHDRAWN is reachable', () => {
    expect(APPLICATION_STATES.filter((state) => canTransition(state, 'WITHDRAWN')).sort()).toEqual([...WITHDRAWABLE_STATES].sort());
  });
});

describe('EDITABLE_STATES', () => {
  it('are exactly DRAFT and CHANGES_REQUESTED', () => {
    expect([...EDITABLE_STATES].sort()).toEqual(['CHANGES_REQUESTED', 'DRAFT']);
  });

  it('can all be submitted', () => {
    expect(EDITABLE_STATES.every((state) => canTransition(state, 'SUBMITTED'))).toBe(true);
  });
});

describe('ACTIVE_STATES', () => {
  it.each(ACTIVE_STATES)('counts %s, neither a draft nor closed', (state) => {
    expect(state).not.toBe('DRAFT');
    expect(TERMINAL_STATES).not.toContain(state);
  });

  it('are every state but DRAFT and the terminal ones', () => {
    expect([...ACTIVE_STATES].sort()).toEqual(APPLICATION_STATES.filter((state) => state !== 'DRAFT' && !TERMINAL_STATES.includes(state)).sort());
  });
});
