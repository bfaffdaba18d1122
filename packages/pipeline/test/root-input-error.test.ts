import { GantryError, InputError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { loadPipelineStage, rootInputError } from "../src/pipeline.js";

const { inputs } = await loadPipelineStage();

describe("rootInputError", () => {
  it("renames a later stage's input to the root action's prefixed one, keeping value and accepted", () => {
    const err = rootInputError(new InputError("max-size", "8 parsecs", "accepted: a size"), "slim", inputs) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`input 'slim-max-size': "8 parsecs" is not valid; accepted: a size`);
    expect((rootInputError(new InputError("repository", "x", "y"), "image", inputs) as InputError).input).toBe("image-repository");
  });

  it("leaves go-build's inputs, names the root does not have, and other errors as they are", () => {
    const own = new InputError("cgo", "yes", "accepted: true or false");
    expect(rootInputError(own, "go-build", inputs)).toBe(own);
    const manifest = new InputError("manifest", "m.json", "it does not exist");
    expect(rootInputError(manifest, "slim", inputs)).toBe(manifest);
    const other = new GantryError("boom");
    expect(rootInputError(other, "slim", inputs)).toBe(other);
  });
});
