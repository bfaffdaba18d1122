#!/usr/bin/env node
// The CLI is bundled into dist/cli/gantry.js by `npm run build` (the demo and tests build first).
import "../../../dist/cli/gantry.js";
