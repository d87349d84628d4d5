// The playground's trainer against nnexplain (node --test).
//
// Fixtures come from tests/js/playground_fixtures.py: in $NNEXPLAIN_JS_FIXTURES when
// tests/test_js.py runs these tests, else written here with $PYTHON (default: the project's
// .venv, then python3; PYTHONPATH should hold the library's src/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const P = createRequire(import.meta.url)(join(root, "docs", "javascripts", "playground-core.js"));

function fixtures() {
  const dir = process.env.NNEXPLAIN_JS_FIXTURES;
  if (dir && existsSync(join(dir, "playground.json"))) return dir;
  const venv = join(root, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venv) ? venv : "python3");
  const out = mkdtempSync(join(tmpdir(), "nnexplain-playground-"));
  execFileSync(python, [join(here, "playground_fixtures.py"), out], { stdio: "inherit" });
  return out;
}

const F = JSON.parse(readFileSync(join(fixtures(), "playground.json"), "utf8"));
// The agreement the page promises: relative difference of the loss after 500 steps.
const LOSS_RTOL = 1e-9;

function relative(a, b) {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

test("the generator draws numpy's bits, doubles, uniforms, normals and permutations", () => {
  for (const r of F.random) {
    const g = new P.Generator(r.seed);
    assert.deepEqual(
      Array.from({ length: 8 }, () => g.next64().toString()),
      r.raw,
      `seed ${r.seed}: raw bits`,
    );
    const h = new P.Generator(r.seed);
    assert.deepEqual(Array.from({ length: 50 }, () => h.random()), r.random, `seed ${r.seed}: random`);
    assert.deepEqual(Array.from(h.uniform(-0.3, 0.7, 50)), r.uniform, `seed ${r.seed}: uniform`);
    const normal = Array.from({ length: r.normal.length }, () => h.standardNormal());
    // exact: the ziggurat tables and every branch, the rare tail included
    assert.deepEqual(normal, r.normal, `seed ${r.seed}: standard_normal`);
    for (const perm of r.permutations) {
      assert.deepEqual(Array.from(h.permutation(perm.length)), perm, `seed ${r.seed}: permutation`);
    }
  }
});

test("the data sets are nnexplain.datasets' to rounding (sin, cos and sqrt of the browser)", () => {
  for (const d of F.data) {
    const got = P.makeData(d.name, d.n, d.noise, d.seed);
    assert.deepEqual(Array.from(got.y), d.y, `${d.name} ${d.n}: labels`);
    const worst = Math.max(...Array.from(got.X, (v, i) => Math.abs(v - d.X[i])));
    assert.ok(worst <= 1e-14, `${d.name} ${d.n} noise ${d.noise}: coordinates differ by ${worst}`);
  }
});

test("initial weights are MLP(sizes, init=..., seed=...)'s, bit for bit", () => {
  for (const w of F.init) {
    const got = Array.from(P.initialParameters(w.sizes, w.init, w.seed));
    assert.equal(got.length, w.params.length);
    // sqrt(2 / n_in) and sqrt(3) sqrt(2 / fan_sum) are correctly rounded in both languages
    assert.deepEqual(got, w.params, `${w.init} ${w.sizes}`);
  }
});

function trainerOf(run) {
  if (run.kind === "given") {
    return new P.Trainer({
      sizes: run.sizes,
      activations: run.activations,
      params: run.params,
      optimizer: run.optimizer,
      lr: run.lr,
      batchSize: run.batch,
      split: 0,
      seed: 0,
      X: run.X,
      y: run.y,
      orders: (epoch) => run.orders[epoch - 1],
    });
  }
  const data = P.makeData(run.data.name, run.data.n, run.data.noise, run.seed);
  return new P.Trainer({
    sizes: run.sizes,
    activations: run.activations,
    init: run.init,
    seed: run.seed,
    optimizer: run.optimizer,
    lr: run.lr,
    batchSize: run.batch,
    split: run.split,
    X: data.X,
    y: data.y,
  });
}

const worst = { given: 0, seeded: 0 };
for (const run of F.runs) {
  const name = `${run.kind}: ${run.sizes.join("-")} ${run.activations[0]} ${run.optimizer}`;
  test(`${name}: the loss after ${run.steps} steps is MLP.fit's to ${LOSS_RTOL} relative`, () => {
    const t = trainerOf(run);
    assert.ok(t.run(run.steps), "the gradient stayed finite");
    assert.equal(t.steps, run.steps);
    const got = t.evaluate();
    const rel = relative(got.loss, run.loss);
    worst[run.kind] = Math.max(worst[run.kind], rel);
    assert.ok(rel <= LOSS_RTOL, `loss ${got.loss} vs Python ${run.loss}: relative ${rel}`);
    if (run.kind === "seeded") {
      assert.ok(relative(got.testLoss, run.test_loss) <= LOSS_RTOL, "test loss");
      assert.equal(got.accuracy, run.accuracy);
      assert.equal(got.testAccuracy, run.test_accuracy);
    }
  });
}

test("the largest relative loss difference, reported", () => {
  console.log(`# largest relative loss difference: given ${worst.given}, seeded ${worst.seeded}`);
});

// ------------------------------------------------------------------ links

test("a link written by formatState reads back as the same run", () => {
  const s = P.defaultState();
  Object.assign(s, { data: "spiral", n: 500, noise: 0.05, layers: [3, 8, 1], act: ["relu", "sigmoid", "identity"],
    init: "std0.01", opt: "sgd", lr: 0.3, batch: 7, seed: 4294967295, split: 0, t: 1234,
    points: [[0.5, -1.25, 1], [-4, 4, 0]] });
  const back = P.parseState("#" + P.formatState(s));
  assert.deepEqual(back.ignored, []);
  assert.deepEqual(back.state, s);
  assert.deepEqual(P.parseState("").state, P.defaultState());
});

const HOSTILE = [
  ["d=<img src=x onerror=alert(1)>", "d"],
  ["a=<script>alert(1)</script>,tanh", "a"],
  ["a=gelu,tanh", "a"],
  ["a=tanh", "a"],  // one activation for two layers
  ["lr=NaN", "lr"],
  ["lr=1e308", "lr"],
  ["lr=Infinity", "lr"],
  ["lr=0x10", "lr"],
  ["n=1e308", "n"],
  ["n=20.5", "n"],
  ["seed=-1", "seed"],
  ["h=9,9", "h"],
  ["h=1,2,3,4,5,6,7,8,9", "h"],
  ["split=0.9", "split"],
  ["p=1e308,0,1", "p"],
  ["p=NaN,0,1", "p"],
  ["p=0,0,2", "p"],
  ["p=" + Array.from({ length: 301 }, () => "0,0,1").join(";"), "p"],
  ["%3Cb%3E=1", "\"<b>\""],
  ["lr=%E0%A4%A", "not valid URL text"],
];

test("a hostile link opens the default run, naming what it ignored", () => {
  for (const [link, named] of HOSTILE) {
    const { state, ignored } = P.parseState("#" + link);
    assert.equal(ignored.length, 1, `${link.slice(0, 60)}: ${ignored}`);
    assert.ok(ignored[0].includes(named), `${link.slice(0, 60)}: ${ignored[0]}`);
    const fresh = P.defaultState();
    for (const key of ["data", "n", "lr", "seed", "split", "batch"]) assert.equal(state[key], fresh[key], `${link}: ${key}`);
    assert.ok(state.act.length === state.layers.length);
    assert.ok(state.points.every((p) => p.every(Number.isFinite)));
  }
  // a million points: refused by the length limit before anything is split
  const huge = "p=" + "0.1,0.1,1;".repeat(1e6);
  const { state, ignored } = P.parseState("#" + huge);
  assert.deepEqual(state, P.defaultState());
  assert.match(ignored[0], /the whole link/);
});

test("the parts of a link that are fine are kept next to those ignored", () => {
  const { state, ignored } = P.parseState("#d=xor&lr=1e308&h=2,3&a=relu,tanh&seed=5");
  assert.equal(state.data, "xor");
  assert.deepEqual(state.layers, [2, 3]);
  assert.deepEqual(state.act, ["relu", "tanh"]);
  assert.equal(state.seed, 5);
  assert.equal(state.lr, P.defaultState().lr);
  assert.equal(ignored.length, 1);
});
