import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { ALL, filter, reportDataset } from "../../tests/unit/support/report-dataset";
import { getAttitudeChange } from "./attitude-change.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedDataset } = reportDataset(db);

describe("getAttitudeChange", () => {
  it("gives mean before, after and change per item over before/after pairs, flagging reverse items", async () => {
    await seedDataset();
    const alpha = await getAttitudeChange(db(), ALL, filter({ moduleId: "alpha" }), { locale: "nl" });
    expect(alpha).toHaveLength(2);
    const werk = alpha.find((row) => row.itemId === "shared/werk")!;
    expect(werk).toMatchObject({ text: "Stelling werk", reverse: false, pairs: 5, suppressed: false });
    expect(werk.before).toBeCloseTo(2.8);
    expect(werk.after).toBeCloseTo(4.4);
    expect(werk.change).toBeCloseTo(1.6);
    expect(alpha.find((row) => row.itemId === "shared/schuld")).toEqual({
      itemId: "shared/schuld",
      text: "Stelling schuld",
      reverse: true,
      pairs: 2,
      suppressed: true,
      before: null,
      after: null,
      change: null,
    });

    const everyModule = await getAttitudeChange(db(), ALL, filter(), { locale: "en" });
    const werkAll = everyModule.find((row) => row.itemId === "shared/werk")!;
    expect(werkAll).toMatchObject({ text: "Statement werk", pairs: 6, before: 2.5, after: 4, change: 1.5 });
  });
});
