// An optional package gantry does not bundle (scripts/build.mjs): loading it fails as if it were not installed.
throw Object.assign(new Error("not bundled with gantry"), { code: "MODULE_NOT_FOUND" });
