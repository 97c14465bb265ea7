import { describe, expect, it } from "vitest";
import { countFailoverErrors } from "../../scripts/bench/failover.ts";

describe("countFailoverErrors", () => {
  const windowEndsAt = 1000;

  it("lets a 503 with Retry-After through in the window, and counts it apart", () => {
    const counts = countFailoverErrors(
      [
        { sentAt: 0, status: 200, retryAfter: false },
        { sentAt: 500, status: 503, retryAfter: true },
        { sentAt: 999, status: 503, retryAfter: true },
      ],
      windowEndsAt,
    );
    expect(counts).toEqual({ inWindow: 0, afterWindow: 0, retryLater: 2 });
  });

  it("counts other 5xx and hangs in the window, but not 4xx", () => {
    const counts = countFailoverErrors(
      [
        { sentAt: 100, status: 500, retryAfter: false },
        { sentAt: 200, status: 503, retryAfter: false },
        { sentAt: 300, retryAfter: false },
        { sentAt: 400, status: 404, retryAfter: false },
      ],
      windowEndsAt,
    );
    expect(counts).toEqual({ inWindow: 3, afterWindow: 0, retryLater: 0 });
  });

  it("counts anything but a 2xx after the window, a 503 with Retry-After included", () => {
    const counts = countFailoverErrors(
      [
        { sentAt: 1000, status: 503, retryAfter: true },
        { sentAt: 1500, status: 429, retryAfter: true },
        { sentAt: 2000, retryAfter: false },
        { sentAt: 2500, status: 200, retryAfter: false },
      ],
      windowEndsAt,
    );
    expect(counts).toEqual({ inWindow: 0, afterWindow: 3, retryLater: 0 });
  });
});
