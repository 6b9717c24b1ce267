// Builds the vendored browser files into ../static/vendor/ and keeps every bundled package's licence:
//   codemirror/codemirror.min.js (+ LICENSES.txt: each package esbuild put in the bundle, with its licence text)
//   katex/ (katex.min.js, katex.min.css, fonts/, contrib/auto-render.min.js, LICENSE) copied from katex's dist.
// Run `npm ci && npm run build` here after changing package.json; commit the output.
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "static", "vendor");

function packageOf(input) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return match ? match[1] : null;
}

function licenceText(pkg) {
  const root = join(here, "node_modules", pkg);
  const file = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  if (!file) throw new Error(`${pkg}: no licence file to keep`);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return `${pkg}@${meta.version} (${meta.license})\n\n${readFileSync(join(root, file), "utf8").trim()}\n`;
}

async function codemirror() {
  const out = join(vendor, "codemirror");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(here, "src", "codemirror.js")],
    bundle: true,
    minify: true,
    format: "iife",
    globalName: "PathwiseCodeMirror",
    target: ["es2020"],
    legalComments: "none",
    metafile: true,
    outfile: join(out, "codemirror.min.js"),
  });
  const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(Boolean))].sort();
  const header = "Third-party code bundled in codemirror.min.js (built by frontend/build.mjs), with its licences.\n";
  writeFileSync(join(out, "LICENSES.txt"), [header, ...packages.map(licenceText)].join("\n" + "-".repeat(72) + "\n"));
  return packages;
}

function katex() {
  const src = join(here, "node_modules", "katex", "dist");
  const out = join(vendor, "katex");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "contrib"), { recursive: true });
  for (const name of ["katex.min.js", "katex.min.css"]) cpSync(join(src, name), join(out, name));
  cpSync(join(src, "fonts"), join(out, "fonts"), { recursive: true });
  cpSync(join(src, "contrib", "auto-render.min.js"), join(out, "contrib", "auto-render.min.js"));
  cpSync(join(here, "node_modules", "katex", "LICENSE"), join(out, "LICENSE"));
  if (!existsSync(join(out, "fonts", "KaTeX_Main-Regular.woff2"))) throw new Error("katex: fonts missing");
}

const packages = await codemirror();
katex();
console.log(`codemirror bundle: ${packages.join(", ")}\nkatex: copied`);
