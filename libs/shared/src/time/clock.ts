/** Source of "now", injected so tests and demo data can fix the date. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's calendar date (`YYYY-MM-DD`) in the given time zone. */
  today(timeZone: string): string {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }
}

/** Real time that runs from a chosen start, so date rules (waves, intake) hold whenever tests or benchmarks run. */
export class TravelClock extends Clock {
  private offset: number;

  constructor(start: Date) {
    super();
    this.offset = start.getTime() - Date.now();
  }

  /** Moves "now" to `instant`; time keeps running from there (tests of reminders and deadlines). */
  travelTo(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}
