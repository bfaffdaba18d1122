import { type UpxPacker, goBuildStageWith } from "@gantry/go-build";

/** go-build's `upx` input runs slim's engine, loaded only when a build asks for it; no stage imports another, so the action wires it. */
const packWithUpx: UpxPacker = async (...args) => (await import("@gantry/slim")).packWithUpx(...args);

/** The go-build stage as the action runs it. */
export const goBuildStage = goBuildStageWith(packWithUpx);
