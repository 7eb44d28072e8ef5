import { describe, expect, it } from "vitest";
import { modelsFor, suggest } from "./options";

describe("brand and model suggestions", () => {
  it("suggests each brand's own models", () => {
    expect(modelsFor("一汽奥迪 FAW Audi")).toContain("Q5L");
    expect(modelsFor("一汽奥迪 FAW Audi")).not.toContain("迈腾 Magotan");
    expect(modelsFor("一汽-大众 FAW-VW")).toContain("ID.4 CROZZ");
    expect(modelsFor("Some other make")).toEqual(expect.arrayContaining(["A6L", "速腾 Sagitar"]));
  });

  it("matches what is typed anywhere, ignoring case, and offers all once one is chosen", () => {
    const models = modelsFor("Volkswagen");
    expect(suggest(models, "crozz").map((o) => o.value)).toEqual(["ID.4 CROZZ", "ID.6 CROZZ"]);
    expect(suggest(models, "迈腾").map((o) => o.value)).toEqual(["迈腾 Magotan"]);
    expect(suggest(models, "迈腾 Magotan")).toHaveLength(models.length);
    expect(suggest(models, "")).toHaveLength(models.length);
  });
});
