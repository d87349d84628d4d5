// One file per explorable kind (node --test): every kind of nnexplain.explorable.KINDS has its
// docs/javascripts/explorable-<kind>.js, registering every function the player calls, listed in
// mkdocs.yml between the format and the player; the player itself holds no kind of its own.
//
// Fixtures from tests/js/fixtures.py (python-fixtures.mjs; kinds.json is Python's KINDS).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { blob, json, root } from "./python-fixtures.mjs";

const scripts = join(root, "docs", "javascripts");
const require = createRequire(import.meta.url);
const F = require(join(scripts, "explorable-format.js"));

const KINDS = json("kinds.json"); // nnexplain.explorable.KINDS
const fileOf = (kind) => `explorable-${kind}.js`;
// every explorable-*.js but the format itself: the kind files there are
const kindFiles = readdirSync(scripts).filter((f) => /^explorable-.+\.js$/.test(f) && f !== "explorable-format.js");

test("every kind Python writes has its own file, registering every function the player calls", () => {
  assert.ok(KINDS.length >= 3, `${KINDS}`);
  for (const kind of KINDS) {
    const file = join(scripts, fileOf(kind));
    assert.ok(existsSync(file), `docs/javascripts/${fileOf(kind)} is missing: nnexplain.explorable.KINDS has ${kind}`);
    require(file);
    const k = F.kinds[kind];
    assert.ok(k, `docs/javascripts/${fileOf(kind)} does not register the kind ${kind}`);
    for (const name of F.KIND_FUNCTIONS) assert.equal(typeof k[name], "function", `${kind}.${name}`);
  }
  for (const f of kindFiles) require(join(scripts, f));
  assert.deepEqual(Object.keys(F.kinds).sort(), [...KINDS].sort(), "a kind file for a kind Python does not write");
  assert.deepEqual(kindFiles.sort(), KINDS.map(fileOf).sort());
  assert.throws(() => F.registerKind("half", { read() {} }), /kind half has no prepare/);
  assert.ok(!("half" in F.kinds));
});

test("the site loads the format, then every kind's file, then the player", () => {
  const yml = readFileSync(join(root, "mkdocs.yml"), "utf8");
  const listed = yml.split("extra_javascript:")[1].split(/\n(?=\S)/)[0].match(/javascripts\/[\w.-]+\.js/g);
  const explorable = listed.filter((s) => /\/explorable[-.]/.test(s));
  assert.deepEqual(explorable[0], "javascripts/explorable-format.js");
  assert.deepEqual(explorable.at(-1), "javascripts/explorable.js");
  assert.deepEqual(explorable.slice(1, -1).sort(), KINDS.map((k) => "javascripts/" + fileOf(k)).sort());
});

test("the player core has no kind of its own: no kind's name, no test of a variant's kind", () => {
  const src = readFileSync(join(scripts, "explorable.js"), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "") // comments may name the kind files
    .replace(/\/\/.*$/gm, "");
  for (const kind of KINDS) {
    assert.ok(!new RegExp(`["']${kind}["']`).test(src), `explorable.js names the kind "${kind}"`);
  }
  assert.ok(!/\.kind\s*[!=]==?/.test(src), "explorable.js tests a variant's kind");
  assert.ok(/F\.kindOf\(/.test(src), "explorable.js no longer dispatches through the kinds");
});

test("a variant of a kind this player does not draw is refused with the kind's name", () => {
  for (const kind of KINDS) require(join(scripts, fileOf(kind)));
  const m = json(json("explorables.json").points.manifest);
  const entry = { ...m.variants[0], kind: "sound" };
  const refused = (e) => e instanceof F.DataError && /kind "sound"; this page's player draws points/.test(e.message);
  assert.throws(() => F.checkManifest({ ...m, variants: [m.variants[0], entry] }), refused);
  assert.throws(() => F.readVariant(blob(entry.file), entry), refused);
});

// A canvas context that records what is drawn (enough of one for every kind's render).
function recorder() {
  const calls = [];
  const ctx = new Proxy({}, {
    get(target, name) {
      if (name in target) return target[name];
      if (name === "createImageData") return (w, h) => ({ data: new Uint8ClampedArray(4 * w * h) });
      return (...args) => { calls.push([name, ...args]); };
    },
  });
  return { ctx, calls };
}

function fakePlayer(m) {
  const el = (tag, attrs) => {
    const node = { tag, attrs: attrs || {}, width: Number((attrs || {}).width), height: Number((attrs || {}).height) };
    node.getContext = () => recorder().ctx;
    return node;
  };
  return {
    ease: F.EASINGS[m.timing.easing], y: m.y, palette: m.palette, highlight: 2, yaw: -0.9, pitch: 0.45,
    colors: [0, 1, 2].map((k) => F.classColor(m.palette, k)), fg: m.palette.neutral.ink,
    gridColor: m.palette.neutral.grid,
    signed: { neg: F.hexRgb(m.palette.signed.negative), pos: F.hexRgb(m.palette.signed.positive) },
    el,
  };
}

test("every kind prepares, sizes, draws and describes what Python wrote, under node", () => {
  for (const kind of KINDS) require(join(scripts, fileOf(kind)));
  const drawn = new Set();
  for (const { manifest } of Object.values(json("explorables.json"))) {
    const m = json(manifest);
    F.checkManifest(m);
    for (const entry of m.variants) {
      const v = F.readVariant(blob(entry.file), entry), k = F.kindOf(entry), P = fakePlayer(m);
      P.v = v; P.n = v.labels.length;
      k.prepare(P, v);
      assert.ok(v.sx instanceof Float32Array && v.sx.length === v.sy.length, `${entry.kind} sx, sy`);
      const hgt = k.height(P, v, 700);
      assert.ok(hgt > 0 && Number.isFinite(hgt), `${entry.kind} height ${hgt}`);
      for (const t of [0, 0.5, P.n - 1]) {
        for (const lineWidth of [0.8, 0.4]) {
          const { ctx, calls } = recorder();
          k.render(P, v, ctx, t, 700, hgt, 2.3, v.sx, v.sy, lineWidth);
          assert.ok(calls.some(([name]) => /fill|stroke|drawImage/.test(name)), `${entry.kind} drew nothing`);
          const bad = calls.find((c) => c.some((a) => typeof a === "number" && !Number.isFinite(a)));
          assert.equal(bad, undefined, `${entry.kind} at ${t}: ${JSON.stringify(bad)}`);
        }
      }
      assert.equal(typeof k.describe(P, v, 0), "string");
      assert.equal(typeof k.hint(P, v), "string");
      if (k.units) assert.ok(Array.isArray(k.units(P, v)));
      drawn.add(entry.kind);
    }
  }
  assert.deepEqual([...drawn].sort(), [...KINDS].sort(), "tests/js/fixtures.py writes every kind");
});

test("points share one frame: a slide moves the dots against a drawn origin that stays put", () => {
  require(join(scripts, fileOf("points")));
  const m = json(json("explorables.json").slide.manifest), entry = m.variants[0];
  const v = F.readVariant(blob(entry.file), entry), k = F.kindOf(entry), P = fakePlayer(m);
  k.prepare(P, v);
  const at = (t) => {
    k.render(P, v, recorder().ctx, t, 700, 490, 2.3, v.sx, v.sy, 0.8);
    return { x: Float32Array.from(v.sx), y: Float32Array.from(v.sy), origin: v.origin.slice() };
  };
  const a = at(0), b = at(1);
  assert.deepEqual(a.origin, b.origin, "the origin is drawn in the same place at every stage");
  const scale = (a.x[24] - a.origin[0]) / 1.0; // point 24 is (1, 1) at the input
  assert.ok(scale > 50, `scale ${scale}`);
  for (let p = 0; p < 25; p++) {
    assert.ok(Math.abs(b.x[p] - a.x[p] - 1.5 * scale) < 0.05 * scale, `x of point ${p}`);
    assert.ok(Math.abs(b.y[p] - a.y[p] - 0.5 * scale) < 0.05 * scale, `y of point ${p}`); // y down
  }
  // the third stage is a speck in that frame: the kind offers the zoom and says why
  assert.equal(k.zoom(P, v, 0), 1);
  assert.ok(k.zoom(P, v, 2) > 50, `zoom ${k.zoom(P, v, 2)}`);
  assert.match(k.describe(P, v, 2), /spanning \d+% of the shared frame/);
  // control: zoomed, each stage fills the view and the slide is no longer seen
  P.zoomed = true;
  const c = at(0), d = at(1);
  assert.ok(Math.max(...c.x.map((x, p) => Math.abs(d.x[p] - x))) < 1, "zoomed, the dots stay put");
  assert.notDeepEqual(c.origin, d.origin);
});
