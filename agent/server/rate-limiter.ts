/** A token bucket: `burst` frames at once, refilled at `perMinute`. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  private readonly burst: number;
  private readonly perMs: number;

  constructor(burst: number, perMinute: number) {
    this.burst = burst;
    this.tokens = burst;
    this.perMs = perMinute / 60_000;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
