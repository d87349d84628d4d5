// The fixtures the explorable tests read, written by tests/js/fixtures.py: in
// $NNEXPLAIN_JS_FIXTURES when tests/test_js.py runs the tests, else written once here with
// $PYTHON (default: the project's .venv, then python3). Not a test file itself.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "..", "..");

function fixtures() {
  if (process.env.NNEXPLAIN_JS_FIXTURES) return process.env.NNEXPLAIN_JS_FIXTURES;
  const venv = join(root, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venv) ? venv : "python3");
  const dir = mkdtempSync(join(tmpdir(), "nnexplain-js-"));
  execFileSync(python, [join(here, "fixtures.py"), dir], { stdio: "inherit" });
  return dir;
}

export const dir = fixtures();
export const json = (name) => JSON.parse(readFileSync(join(dir, name), "utf8"));
export const blob = (name) => {
  const b = readFileSync(join(dir, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
