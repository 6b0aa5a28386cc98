import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { ALL, reportDataset } from "../../tests/unit/support/report-dataset";
import { getFilterChoices } from "./filter-scope.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedDataset } = reportDataset(db);

describe("getFilterChoices", () => {
  it("offers the scope's sectors, organisations and cohorts, and the modules", async () => {
    const ids = await seedDataset();
    const all = await getFilterChoices(db(), ALL, "nl");
    expect(all.sectors).toEqual(["bank", "care"]);
    expect(all.organisations.map((o) => o.name)).toEqual(["Bank Noord", "Zorg Zuid"]);
    expect(all.cohorts.map((c) => c.name)).toEqual(["A1 maart", "B1"]);
    expect(all.modules).toEqual([
      { id: "alpha", title: "Module alpha" },
      { id: "beta", title: "Module beta" },
    ]);
    const bank = await getFilterChoices(db(), { kind: "organisations", organisationIds: [ids.bank] }, "en");
    expect(bank.sectors).toEqual(["bank"]);
    expect(bank.organisations).toEqual([{ id: ids.bank, name: "Bank Noord", sector: "bank" }]);
    expect(bank.cohorts).toEqual([{ id: ids.a1, name: "A1 maart", organisationId: ids.bank }]);
    expect(bank.modules[0]).toEqual({ id: "alpha", title: "Module alpha (en)" });
  });
});
