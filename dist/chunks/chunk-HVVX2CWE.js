import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);

// packages/image/src/cabundle-source.ts
var CA_BUNDLE_SOURCE = {
  /** Where the text comes from, as the READMEs say it. */
  name: "certifi 2026.10.19.post1 (Mozilla's root store)",
  date: "2026-10-19",
  /** sha256 of the text (certifi/cacert.pem in the wheel). */
  sha256: "d87887200c9a705dccc937b9b83b5e67e47024c4a4b7f9dd15700c72e0f55453",
  /** Its size in bytes (UTF-8). */
  bytes: 234072,
  certificates: 117
};

export {
  CA_BUNDLE_SOURCE
};
