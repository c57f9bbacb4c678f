import { Clock } from '@fa/shared';

/** Real time that runs from a chosen start, so date rules (waves, intake) stay true whenever the suite runs. */
export class TravelClock extends Clock {
  private readonly offset: number;

  constructor(start: Date) {
    super();
    this.offset = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}
