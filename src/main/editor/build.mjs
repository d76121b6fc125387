// Bundles the workbench editor for the application to serve, run by Maven (see pom.xml):
//   node src/main/editor/build.mjs <install folder> <output file>
// Installs the packages pinned in package-lock.json with `npm ci` into the install folder (under
// target/, so the source tree stays clean), only when that lock file changed since the last
// install, then bundles editor.js with esbuild into one minified script. Nothing is fetched at run
// time and nothing comes from a CDN.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [installDir, outFile] = process.argv.slice(2).map(p => resolve(p));
if (!installDir || !outFile) {
  console.error("usage: node build.mjs <install folder> <output file>");
  process.exit(2);
}

mkdirSync(installDir, { recursive: true });
const lock = readFileSync(join(here, "package-lock.json"));
const lockHash = createHash("sha256").update(lock).update(readFileSync(join(here, "package.json"))).digest("hex");
const marker = join(installDir, "node_modules", ".triage-installed");
if (!existsSync(marker) || readFileSync(marker, "utf8") !== lockHash) {
  copyFileSync(join(here, "package.json"), join(installDir, "package.json"));
  copyFileSync(join(here, "package-lock.json"), join(installDir, "package-lock.json"));
  // esbuild needs no install script: its JavaScript API finds the platform's binary package itself
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
    { cwd: installDir, stdio: ["ignore", "inherit", "inherit"] });
  writeFileSync(marker, lockHash);
}

const esbuild = createRequire(join(installDir, "package.json"))("esbuild");
mkdirSync(dirname(outFile), { recursive: true });
await esbuild.build({
  entryPoints: [join(here, "editor.js")],
  nodePaths: [join(installDir, "node_modules")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  outfile: outFile,
  logLevel: "warning",
});
