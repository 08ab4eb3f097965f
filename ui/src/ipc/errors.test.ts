import { describe, expect, it } from "vitest";
import { toAppError } from "./errors";

describe("toAppError", () => {
  it("keeps a backend error as it is", () => {
    const error = { code: "Io", message: "Could not write /x", hint: "Check the folder." };
    expect(toAppError(error)).toEqual(error);
  });

  it("fills a missing hint with null", () => {
    expect(toAppError({ code: "Io", message: "Bad" })).toEqual({
      code: "Io",
      message: "Bad",
      hint: null,
    });
  });

  it("turns a bare string from the runtime into an Internal error with a hint", () => {
    const error = toAppError("Command set_theme not allowed by ACL");
    expect(error.code).toBe("Internal");
    expect(error.message).toBe("Command set_theme not allowed by ACL");
    expect(error.hint).toMatch(/log file/);
  });

  it("turns args the backend refused to deserialize into InvalidInput with its reason", () => {
    const error = toAppError(
      "invalid args `args` for command `get_certificate`: '../keys/x' is not a certificate name. Names take only letters, digits and '-'; '.' is not allowed.",
    );
    expect(error).toEqual({
      code: "InvalidInput",
      message:
        "'../keys/x' is not a certificate name. Names take only letters, digits and '-'; '.' is not allowed.",
      hint: "Nothing was sent to the vault. Correct the value and try again.",
    });
  });

  it("never produces an empty message", () => {
    expect(toAppError("").message).not.toBe("");
  });
});
