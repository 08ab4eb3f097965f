import { describe, expect, it } from "vitest";
import { passwordStrength } from "./strength";

describe("password strength", () => {
  it("calls short or one-kind passwords weak", () => {
    expect(passwordStrength("Ab1!").level).toBe("weak");
    expect(passwordStrength("abcdefghijklmnop").level).toBe("weak");
  });
  it("calls medium passwords with two kinds fair", () => {
    expect(passwordStrength("abcdefgh12").level).toBe("fair");
  });
  it("calls long or varied passwords strong", () => {
    expect(passwordStrength("correct horse battery").level).toBe("strong");
    expect(passwordStrength("Tr0ub4dor&3x").level).toBe("strong");
  });
});
