import { describe, expect, it } from "vitest";
import { azureVault, cert } from "../../test/backend";
import { csvField, csvFileName, expiryCsv, toCsv } from "./csv";

describe("CSV", () => {
  it("quotes only fields that need it, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1),x")).toBe(`"'@SUM(A1),x"`);
    expect(
      toCsv([
        ["a", "b,c"],
        ["", "d"],
      ]),
    ).toBe('a,"b,c"\r\n,d\r\n');
  });

  it("exports vault, name, status, ISO expiry, thumbprint and id", () => {
    const vault = { ...azureVault(1, "kv"), name: 'Prod, "EU"' };
    const csv = expiryCsv([
      { vault, cert: cert("web", { expires: 1_767_225_600, thumbprint: "AB12" }) },
      { vault, cert: cert("csr", { expires: null, thumbprint: null, status: "Pending" }) },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "vault,name,status,expires,thumbprint,id",
      '"Prod, ""EU""",web,Healthy,2026-01-01T00:00:00.000Z,AB12,https://vault.example/certificates/web',
      '"Prod, ""EU""",csr,Pending,,,https://vault.example/certificates/csr',
      "",
    ]);
  });

  it("names the file by the local date", () => {
    expect(csvFileName(new Date(2026, 2, 9, 23, 30))).toBe("certdeck-expiry-2026-03-09.csv");
  });
});
