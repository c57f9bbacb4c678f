import { currentPeriod, isIntakeOpen, isWaveOpen } from './program-calendar';

const intake = { intakeOpensOn: '2026-07-01', intakeClosesOn: '2027-04-17' };
const periods = [
  { periodCode: 'T2', startsOn: '2026-07-16', endsOn: '2026-10-14' },
  { periodCode: 'T3', startsOn: '2026-10-14', endsOn: '2027-01-12' },
  { periodCode: 'T4', startsOn: '2027-01-12', endsOn: '2027-04-17' },
];

describe('program calendar', () => {
  it('opens intake on its first day and closes it after its last', () => {
    expect(isIntakeOpen(intake, '2026-06-30')).toBe(false);
    expect(isIntakeOpen(intake, '2026-07-01')).toBe(true);
    expect(isIntakeOpen(intake, '2027-04-17')).toBe(true);
    expect(isIntakeOpen(intake, '2027-04-18')).toBe(false);
    expect(isIntakeOpen({ intakeOpensOn: '2026-07-01', intakeClosesOn: null }, '2030-01-01')).toBe(true);
  });

  it('opens a wave from its opening date, only while intake is open', () => {
    const wave3 = { waveNumber: 3, opensOn: '2027-01-12' };
    expect(isWaveOpen(wave3, intake, '2027-01-11')).toBe(false);
    expect(isWaveOpen(wave3, intake, '2027-01-12')).toBe(true);
    expect(isWaveOpen(wave3, intake, '2027-05-01')).toBe(false);
  });

  it('picks the period containing the date, the first before the roadmap and the last after it', () => {
    expect(currentPeriod(periods, '2026-11-22')?.periodCode).toBe('T3');
    expect(currentPeriod(periods, '2026-10-14')?.periodCode).toBe('T3');
    expect(currentPeriod(periods, '2026-01-01')?.periodCode).toBe('T2');
    expect(currentPeriod(periods, '2028-01-01')?.periodCode).toBe('T4');
    expect(currentPeriod([], '2026-11-22')).toBeUndefined();
  });
});
