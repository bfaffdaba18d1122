import { run } from "./src/main.js";

await run();
