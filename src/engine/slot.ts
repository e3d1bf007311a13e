/**
 * A queue that holds at most one event: for a source that always has exactly one next event pending (an
 * arrival process), it costs a few field writes where a lane or a heap costs more (speed).
 */
export class Slot {
  /** 0 or 1. */
  size = 0;
  private time = Infinity;
  private order = Infinity;
  private kind = 0;
  private datum = 0;

  peekTime(): number {
    return this.time;
  }

  peekOrder(): number {
    return this.order;
  }

  peekKind(): number {
    return this.kind;
  }

  peekDatum(): number {
    return this.datum;
  }

  /** Sets the event. @throws RangeError if one is already pending. */
  push(time: number, order: number, kind: number, datum: number): void {
    if (this.size !== 0) throw new RangeError('Slot: an event is already pending');
    this.time = time;
    this.order = order;
    this.kind = kind;
    this.datum = datum;
    this.size = 1;
  }

  /** Removes the event. */
  pop(): void {
    this.size = 0;
    this.time = Infinity;
    this.order = Infinity;
  }
}
