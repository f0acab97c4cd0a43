/**
 * The contract's request schemas are zod schemas, built when their module loads. zod probes for `new Function`
 * to compile fast parsers; the page's CSP forbids eval, and Chromium reports the probe as a violation even
 * though zod catches it. Imported first by main.tsx, so that this runs before any schema is built.
 */
import { config } from "zod";

config({ jitless: true });
