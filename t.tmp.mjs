import TurndownService from "turndown";
const td = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
td.remove(["script", "style", "nav", "head"]);
console.log(JSON.stringify(td.turndown(`<!doctype html><html><head><title>T &amp; x</title><style>a{}</style></head><body><nav>menu</nav><h1>Hello *world*</h1><p>Para 1.</p><script>x()</script><table><tr><td>a</td><td>b</td></tr></table><pre><code>code\n\nmore</code></pre><img src="data:xx" alt="pic"></body></html>`)));
import { PDFParse } from "pdf-parse";
import fs from "node:fs";
for (const f of fs.readdirSync("/work/shared/datasets/irs-pdfs")) {
  const p = new PDFParse({ data: new Uint8Array(fs.readFileSync("/work/shared/datasets/irs-pdfs/" + f)) });
  const info = await p.getInfo(); console.log(f, info.total, JSON.stringify(info.info?.Title)); await p.destroy();
}
