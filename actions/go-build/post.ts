import { run } from "./src/post.js";

await run();
