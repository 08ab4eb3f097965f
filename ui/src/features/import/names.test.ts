import { describe, expect, it } from "vitest";
import { nameFromFile, nameProblem } from "./names";

describe("certificate names", () => {
  it("follows Key Vault's rule and names the character that breaks it", () => {
    expect(nameProblem("contoso-web-01")).toBeNull();
    expect(nameProblem("")).toBe("Enter a name.");
    expect(nameProblem("web_01")).toBe(
      "Names take only letters, digits and '-'; '_' is not allowed.",
    );
    expect(nameProblem("my web")).toContain("a space is not allowed");
    expect(nameProblem("é")).toContain("'é' is not allowed");
    expect(nameProblem("a".repeat(127))).toBeNull();
    expect(nameProblem("a".repeat(128))).toBe(
      "Names are at most 127 characters; this one has 128.",
    );
  });

  it("makes a valid name from a file name when the certificate gives none", () => {
    expect(nameFromFile("contoso web.pfx")).toBe("contoso-web");
    expect(nameFromFile("__api.gateway (2).cer")).toBe("api-gateway-2");
    expect(nameFromFile(`${"x".repeat(126)}-y.pem`)).toBe("x".repeat(126));
    expect(nameFromFile("ßßß.key")).toBe("certificate");
  });
});
