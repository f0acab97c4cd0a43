export { percentile } from "../src/core/eval/metrics.js";
