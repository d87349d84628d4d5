// The player's format module against the Python encoder and clock (node --test).
//
// Fixtures come from tests/js/fixtures.py: in $NNEXPLAIN_JS_FIXTURES when tests/test_js.py runs
// these tests, else written here with $PYTHON (default: the project's .venv, then python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { blob, json, root } from "./python-fixtures.mjs";

const require = createRequire(import.meta.url);
const F = require(join(root, "docs", "javascripts", "explorable-format.js"));
for (const kind of json("kinds.json")) {
  require(join(root, "docs", "javascripts", `explorable-${kind}.js`)); // each registers its kind with F
}

const listing = json("explorables.json");

function arraysOf(v, group) {
  return group === "images" ? v.images.flat() : v[group];
}

test("the decoder reads what Python wrote: Python's numbers in float32, within the step", () => {
  let checked = 0;
  for (const [stem, { manifest, expected }] of Object.entries(listing)) {
    const m = json(manifest);
    F.checkManifest(m);
    m.variants.forEach((entry, i) => {
      const v = F.readVariant(blob(entry.file), entry);
      assert.equal(v.kind, entry.kind);
      for (const [group, want] of Object.entries(expected[i])) {
        const got = arraysOf(v, group);
        assert.equal(got.length, want.python.length, `${stem} ${group}`);
        got.forEach((arr, k) => {
          const py = want.python[k], orig = want.original[k], step = want.step[k];
          assert.equal(arr.data.length, py.length, `${stem} ${group}[${k}] length`);
          for (let j = 0; j < py.length; j++) {
            // the same float64 sum as numpy's, then stored in float32
            assert.equal(arr.data[j], Math.fround(py[j]), `${stem} ${group}[${k}][${j}]`);
            const err = Math.abs(arr.data[j] - orig[j]);
            const bound = 0.5 * step * (1 + 1e-9) + Math.abs(orig[j]) * 2 ** -23;
            assert.ok(err <= bound, `${stem} ${group}[${k}][${j}]: ${err} > ${bound}`);
            checked++;
          }
        });
      }
    });
  }
  assert.ok(checked > 2000, `only ${checked} values compared`);
});

test("the quantisation is real: values differ from the originals by up to the step", () => {
  const { manifest, expected } = listing.points;
  const entry = json(manifest).variants[0];
  const v = F.readVariant(blob(entry.file), entry);
  const orig = expected[0].points.original[3], step = expected[0].points.step[3];
  const worst = Math.max(...orig.map((x, j) => Math.abs(v.points[3].data[j] - x)));
  assert.ok(worst > 0.05 * step && worst <= 0.5 * step * (1 + 1e-6) + 2 ** -20, `${worst} ${step}`);
});

test("CRC-32 agrees with Python's zlib.crc32, and damaged files are refused", () => {
  for (const { manifest } of Object.values(listing)) {
    for (const entry of json(manifest).variants) {
      const data = blob(entry.file);
      assert.equal(F.crc32(data), entry.crc32);
      F.checkBlob(data, entry);
      assert.throws(() => F.checkBlob(data.slice(0, data.byteLength - 2), entry),
        (e) => e instanceof F.DataError && /has \d+ bytes; the manifest says/.test(e.message));
      const flipped = new Uint8Array(data.slice(0));
      flipped[flipped.length >> 1] ^= 1;
      assert.throws(() => F.checkBlob(flipped.buffer, entry), /is corrupt/);
    }
  }
});

test("a manifest of another format, version or clock is refused", () => {
  const m = json(listing.points.manifest);
  assert.equal(m.version, F.VERSION);
  F.checkManifest(m);
  const bad = [
    [{ ...m, version: 99 }, /format version 99; this page's player reads version/],
    [{ ...m, format: "other" }, /not an nnexplain explorable/],
    [{ ...m, variants: [] }, /no variant/],
    [{ ...m, timing: undefined }, /timing/],
    [{ ...m, timing: { ...m.timing, easing: "bounce" } }, /timing/],
    [{ ...m, palette: undefined }, /colours/],
    [{ ...m, palette: { ...m.palette, classes: [] } }, /colours/],
    [{ ...m, palette: { ...m.palette, signed: { ...m.palette.signed, positive: "red" } } }, /colours/],
    [null, /not an nnexplain explorable/],
  ];
  for (const [manifest, message] of bad) {
    assert.throws(() => F.checkManifest(manifest), (e) => e instanceof F.DataError && message.test(e.message));
  }
});

test("class colours are the palette's, as nnexplain.palette.class_color", () => {
  const m = json(listing.points.manifest);
  const { classes, colors } = json("palette.json");
  assert.deepEqual(classes.map((k) => F.classColor(m.palette, k)), colors);
});

test("the player's clock is Python's: stage positions and easings on the same inputs", () => {
  const c = json("clock.json");
  for (const run of c.runs) {
    c.elapsed.forEach((e, j) => {
      const got = F.stageAt(e, run.start, run.n, run.timing);
      assert.ok(Math.abs(got - run.position[j]) <= 1e-12, `n=${run.n} start=${run.start} e=${e}: ${got} vs ${run.position[j]}`);
    });
  }
  assert.deepEqual(Object.keys(F.EASINGS).sort(), Object.keys(c.easings).sort());
  for (const [name, values] of Object.entries(c.easings)) {
    c.s.forEach((s, j) => assert.ok(Math.abs(F.ease(s, name) - values[j]) <= 1e-15, `${name}(${s})`));
  }
  const m = json(listing.points.manifest);
  assert.ok(F.EASINGS[m.timing.easing], "the manifest names an easing the player has");
});

test("a dial of three or more ordered numbers is a quantity (a slider); anything else is not", () => {
  assert.deepEqual(F.numericDial(["0.01", "0.1", "1"]), [0.01, 0.1, 1]);
  assert.deepEqual(F.numericDial(["8", "4", "2", "1"]), [8, 4, 2, 1]);
  assert.deepEqual(F.numericDial(["1e-3", "1e-2", "-.5e-1"]), null); // not in order
  assert.deepEqual(F.numericDial(["1e-3", "1e-2", "1E-1"]), [0.001, 0.01, 0.1]);
  for (const values of [["1", "2"], ["tanh", "ReLU", "GELU"], ["1", "2", "2"], ["1", "2", "3 units"], ["1", "", "3"], "123"]) {
    assert.equal(F.numericDial(values), null, JSON.stringify(values));
  }
});

test("a default variant that is not one of the manifest's is refused", () => {
  const m = json(json("explorables.json").points.manifest);
  F.checkManifest({ ...m, default: 1 });
  for (const bad of [-1, 2, 0.5, "0", null]) {
    assert.throws(() => F.checkManifest({ ...m, default: bad }), (e) => e instanceof F.DataError && /default variant/.test(e.message), String(bad));
  }
});
