import { describe, expect, it } from "vitest";
import { ago, approvalPercent, briefDuration, dollars, dollarsPerHour, duration, localBucketLabel, relative, shortTime, timeAgo } from "@/lib/format";

describe("format", () => {
  it("writes dollars from cents as MTurk does, a dash for none", () => {
    expect([dollars(5), dollars(1250), dollars(123456), dollars(-75), dollars(null)]).toEqual(["$0.05", "$12.50", "$1,234.56", "-$0.75", "—"]);
    expect([dollarsPerHour(725), dollarsPerHour(null)]).toEqual(["$7.25/h", "—"]);
  });

  it("writes durations at the precision each place needs", () => {
    expect([briefDuration(45), briefDuration(150), briefDuration(null)]).toEqual(["45 s", "2.5 min", "—"]);
    expect([duration(45_000), duration(125_000), duration(7_500_000), duration(360_000_000)]).toEqual(["45s", "2m 05s", "2h 05m", "4d 4h"]);
    expect([ago(null, 0), ago(new Date(0).toISOString(), 65_000)]).toEqual(["never", "1m 05s ago"]);
    expect([relative(new Date(300_000), 0), relative(new Date(0), 7_200_000)]).toEqual(["in 5 min", "2 h ago"]);
    // A sync stamped by a clock a little ahead of the browser's reads "0 s ago", never "in 3 s".
    expect([timeAgo(null), timeAgo(new Date(5_000).toISOString(), 17_000), timeAgo(new Date(20_000).toISOString(), 17_000)]).toEqual(["never", "12 s ago", "0 s ago"]);
  });

  it("gives an approval rate only for decided work", () => {
    expect([approvalPercent(39, 1), approvalPercent(3, 0), approvalPercent(0, 2), approvalPercent(0, 0)]).toEqual(["97.5%", "100.0%", "0.0%", "—"]);
  });

  it("shows times in UTC whatever the machine's zone", () => {
    expect(shortTime("2026-01-05T08:00:00Z")).toBe("Jan 5, 08:00");
    expect(shortTime(null)).toBe("—");
  });

  it("labels chart buckets as their wall-clock time reads, in the viewer's locale", () => {
    expect([localBucketLabel("2026-12-06", "day", "en-US"), localBucketLabel("2026-12-06T14:00", "hour", "en-US")]).toEqual(["Sun, Dec 6", "Dec 6, 2 PM"]);
    expect(localBucketLabel("2026-12-06T14:00", "hour", "de-DE")).toBe("6. Dez., 14 Uhr");
  });
});
