/**
 * Pure date rules of a program: which waves are open and which target period is current.
 * Dates are calendar dates (`YYYY-MM-DD`), compared as strings, which orders them correctly.
 */
export interface DatedWave {
  waveNumber: number;
  opensOn: string;
}

export interface DatedPeriod {
  periodCode: string;
  startsOn: string;
  endsOn: string;
}

export interface IntakeWindow {
  intakeOpensOn: string;
  intakeClosesOn: string | null;
}

export function isIntakeOpen(window: IntakeWindow, today: string): boolean {
  return window.intakeOpensOn <= today && (window.intakeClosesOn === null || today <= window.intakeClosesOn);
}

/** A region takes applications from its wave's opening date, while the program's intake is open. */
export function isWaveOpen(wave: DatedWave, window: IntakeWindow, today: string): boolean {
  return wave.opensOn <= today && isIntakeOpen(window, today);
}

/**
 * The period whose targets apply today: the one containing today; before the first period,
 * the first; after the last, the last (the roadmap's final review stays the reference).
 */
export function currentPeriod<T extends DatedPeriod>(periods: readonly T[], today: string): T | undefined {
  const ordered = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (ordered.length === 0) return undefined;
  const containing = ordered.find((period) => period.startsOn <= today && today < period.endsOn);
  if (containing) return containing;
  return today < ordered[0].startsOn ? ordered[0] : ordered[ordered.length - 1];
}
