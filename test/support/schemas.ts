/**
 * JSON-schema validators for gantry's supply-chain files (issue 15): SPDX 2.3 (spdx/spdx-spec at
 * v2.3), CycloneDX 1.6 (as the CycloneDX library ships it, with the schemas it refers to) and an
 * in-toto v1 statement with a SLSA v1 provenance predicate. test/fixtures/schemas/README.md says
 * where each comes from.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { FIXTURES } from "../harness.js";

const CDX_SCHEMAS = join(dirname(createRequire(import.meta.url).resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

export interface Validators {
  spdx: ValidateFunction;
  cyclonedx: ValidateFunction;
  slsa: ValidateFunction;
}

/** ajv over the schemas, loaded the way the CycloneDX library's own validator loads them. */
export function schemaValidators(): Validators {
  const cdxRef = (f: string) => [`http://cyclonedx.org/schema/${f}`, readJson(join(CDX_SCHEMAS, f))];
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    schemas: Object.fromEntries(["spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json", "cryptography-defs.SNAPSHOT.schema.json"].map(cdxRef)),
  });
  addFormats.default(ajv);
  ajv.addFormat("iri-reference", true);
  ajv.addFormat("idn-email", true);
  return {
    spdx: ajv.compile(readJson(join(FIXTURES, "schemas", "spdx-2.3.schema.json"))),
    cyclonedx: ajv.compile(readJson(join(CDX_SCHEMAS, "bom-1.6.SNAPSHOT.schema.json"))),
    slsa: ajv.compile(readJson(join(FIXTURES, "schemas", "slsa-provenance-v1.schema.json"))),
  };
}

/** Expects `data` to validate, showing the first errors when it does not. */
export function expectValid(validate: ValidateFunction, data: unknown, what: string): void {
  const ok = validate(data);
  expect(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(true);
}
