import { Clock } from '@fa/shared';

/**
 * The demo generator's time: it stands still at each simulated moment (so the same seed gives
 * the same timestamps on any machine, however fast), and each reading is one millisecond after
 * the last, so records written in one step keep their order.
 */
export class DemoClock extends Clock {
  private base: number;
  private readings = 0;

  constructor(start: Date) {
    super();
    this.base = start.getTime();
  }

  travelTo(instant: Date): void {
    this.base = instant.getTime();
    this.readings = 0;
  }

  now(): Date {
    return new Date(this.base + this.readings++);
  }
}
