/**
 * The official client's msg_id sequence (§6.4): at page load t = (seconds mod 10000) × 10000,
 * then t+1, t+2, … per message. Strictly increasing within a session.
 */
export class MsgIdSequence {
  private seq = 0
  private readonly base: number

  constructor(nowMs: number = Date.now()) {
    this.base = (Math.floor(nowMs / 1000) % 10000) * 10000
  }

  next(): number {
    return this.base + ++this.seq
  }
}
