export { cyclonedxJson } from "./cyclonedx.js";
export { type SpdxDocument, spdxDocument } from "./spdx.js";
export { type SbomSubject, uuidV5 } from "./subject.js";
export { SBOM_FORMATS, type SbomFormat, type SbomRequest, writeSboms } from "./write.js";
