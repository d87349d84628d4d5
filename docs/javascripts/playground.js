/* nnexplain playground: the page around playground-core.js (controls, views, the link).
 *
 * Every number comes from the core (window.nnexplainPlayground); every colour from the
 * palette that docs/hooks/playground.py writes into the page (data-palette). Text from a link
 * only ever reaches the page through textContent.
 */
(function () {
  "use strict";
  var C = window.nnexplainPlayground;
  var SELECTOR = ".nnexplain-playground";
  var GRID = 40;           // the decision field and the neuron maps: GRID x GRID inputs
  var MAX_VIEW_POINTS = 600;
  var READOUT_MS = 1000;   // the aria-live readout changes at most this often while training
  var DATA_LABELS = { disc: "Disc in a ring", moons: "Two moons", xor: "XOR quadrants", spiral: "Spiral" };
  var INIT_LABELS = { xavier: "Xavier (Glorot uniform)", he: "He (normal)", "std1": "std 1", "std0.1": "std 0.1", "std0.01": "std 0.01" };
  var ACT_LABELS = { tanh: "tanh", relu: "ReLU", sigmoid: "sigmoid", identity: "identity" };

  function el(tag, props, children) {
    var e = document.createElement(tag);
    for (var k in props || {}) {
      if (k === "text") e.textContent = props[k];
      else if (k === "class") e.className = props[k];
      else e.setAttribute(k, props[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  var uid = 0;
  function labelled(text, control) {
    control.id = control.id || "nxp-" + (++uid);
    return el("div", { class: "nxp-field" }, [el("label", { for: control.id, text: text }), control]);
  }
  function select(options, value, labels) {
    var s = el("select");
    options.forEach(function (o) { s.appendChild(el("option", { value: String(o), text: labels ? labels[o] : String(o) })); });
    setSelect(s, value);
    return s;
  }
  /* Select `value`, adding it as an option when a link gave a value between the listed ones. */
  function setSelect(s, value) {
    var v = String(value);
    if (![].some.call(s.options, function (o) { return o.value === v; })) s.appendChild(el("option", { value: v, text: v }));
    s.value = v;
  }
  function hex(c) { return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)]; }
  function mixRGB(a, b, t) { return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]; }
  function fmt(x, d) { return isFinite(x) ? x.toFixed(d) : "-"; }
  function pct(x) { return isFinite(x) ? (100 * x).toFixed(1) + " %" : "-"; }

  /* A canvas sized in CSS pixels, drawn at the device's resolution. */
  function Surface(cls, label, aspect) {
    this.canvas = el("canvas", { class: cls, role: "img", "aria-label": label });
    this.ctx = this.canvas.getContext("2d");
    this.aspect = aspect;
  }
  Surface.prototype.fit = function () {
    var w = Math.max(120, Math.round(this.canvas.clientWidth || 300)), h = Math.round(w * this.aspect);
    var dpr = Math.min(window.devicePixelRatio || 1, 2);
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.height = h + "px";
    }
    this.w = w; this.h = h;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return this.ctx;
  };

  function Playground(root) {
    root.__playground = this;
    this.root = root;
    var pal = JSON.parse(root.getAttribute("data-palette"));
    this.pal = pal;
    this.rgb = { p0: hex(pal.probability[0]), p1: hex(pal.probability[1]), p2: hex(pal.probability[2]),
      neg: hex(pal.signed.negative), zero: hex(pal.signed.zero), pos: hex(pal.signed.positive) };
    var parsed = C.parseState(location.hash);
    this.state = parsed.state;
    this.target = this.state.t;  // a link's step count: train to it, then pause
    this.addClass = 1;
    this.playing = false;
    this.stepsPerFrame = 20;
    this.build();
    this.showNotice(parsed.ignored);
    this.reset();
    var self = this;
    this.frame = function (now) { self.tick(now); };
    requestAnimationFrame(this.frame);
    root.setAttribute("data-ready", "true");
  }

  Playground.prototype.showNotice = function (ignored) {
    this.notice.hidden = !ignored.length;
    this.notice.textContent = ignored.length ? "Ignored from the link, and left at the default: " + ignored.join("; ") + "." : "";
    this.root.setAttribute("data-ignored", String(ignored.length));
  };

  /* ---------------------------------------------------------------- controls */
  Playground.prototype.build = function () {
    var self = this, s = this.state;
    this.notice = el("p", { class: "nxp-notice", role: "status" });
    // data
    this.cData = select(Object.keys(DATA_LABELS), s.data, DATA_LABELS);
    this.cN = select([100, 200, 500, 1000, 2000], s.n);
    this.cNoise = select([0, 0.05, 0.1, 0.2, 0.3, 0.5], s.noise);
    this.count = el("span", { class: "nxp-count", "aria-live": "polite" });
    var classes = el("fieldset", { class: "nxp-classes" }, [el("legend", { text: "A click adds" })]);
    [0, 1].forEach(function (k) {
      var r = el("input", { type: "radio", name: "nxp-class-" + uid, value: String(k) });
      r.checked = k === self.addClass;
      r.addEventListener("change", function () { self.addClass = k; });
      var sw = el("span", { class: "nxp-swatch", "aria-hidden": "true" });
      sw.style.background = self.pal.classes[k];
      classes.appendChild(el("label", {}, [r, sw, document.createTextNode("class " + k)]));
    });
    this.cClear = el("button", { type: "button", class: "nxp-clear", text: "Clear added points" });
    var data = el("fieldset", { class: "nxp-group" }, [el("legend", { text: "Data" }),
      labelled("Data set", this.cData), labelled("Points", this.cN), labelled("Input noise", this.cNoise),
      classes, this.cClear, this.count]);
    // network
    this.cLayers = el("input", { type: "number", min: "0", max: String(C.LIMITS.layers), step: "1", value: String(s.layers.length) });
    this.layerRows = el("div", { class: "nxp-layers" });
    var net = el("fieldset", { class: "nxp-group" }, [el("legend", { text: "Network" }),
      labelled("Hidden layers", this.cLayers), this.layerRows]);
    // training
    this.cInit = select(Object.keys(INIT_LABELS), s.init, INIT_LABELS);
    this.cOpt = select(["adam", "sgd"], s.opt, { adam: "Adam", sgd: "SGD" });
    this.cLr = select([0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3], s.lr);
    this.cBatch = select([1, 4, 8, 16, 32, 64, 128, 500], s.batch);
    this.cSeed = el("input", { type: "number", min: "0", max: String(C.LIMITS.seed[1]), step: "1", value: String(s.seed) });
    this.cSplit = select([0, 0.1, 0.2, 0.3, 0.5], s.split);
    this.cSpeed = select([1, 5, 20, 100, 500], this.stepsPerFrame);
    var train = el("fieldset", { class: "nxp-group" }, [el("legend", { text: "Training" }),
      labelled("Initialiser", this.cInit), labelled("Optimiser", this.cOpt), labelled("Learning rate", this.cLr),
      labelled("Batch size", this.cBatch), labelled("Seed", this.cSeed), labelled("Test share", this.cSplit),
      labelled("Steps per frame", this.cSpeed)]);
    // buttons
    this.bPlay = el("button", { type: "button", class: "nxp-play md-button md-button--primary", "aria-pressed": "false", text: "Train" });
    this.bStep = el("button", { type: "button", class: "nxp-step md-button", text: "One step" });
    this.bReset = el("button", { type: "button", class: "nxp-reset md-button", text: "Reset" });
    this.bPython = el("button", { type: "button", class: "nxp-python md-button", "aria-expanded": "false", text: "Python" });
    this.bLink = el("button", { type: "button", class: "nxp-link md-button", text: "Copy link" });
    var buttons = el("div", { class: "nxp-buttons" }, [this.bPlay, this.bStep, this.bReset, this.bPython, this.bLink]);
    this.readout = el("p", { class: "nxp-readout", "aria-live": "polite", "aria-atomic": "true" });
    // views
    this.field = new Surface("nxp-field-canvas", "Decision field of the network over the input plane, with the points; click to add a point", 1);
    this.field.canvas.tabIndex = 0;
    this.layerView = new Surface("nxp-layer-canvas", "The points as a hidden layer sees them", 1);
    this.cStage = el("input", { type: "range", min: "0", max: "1", step: "1", value: "1", class: "nxp-stage" });
    this.stageLabel = el("span", { class: "nxp-stage-label" });
    this.neurons = el("div", { class: "nxp-neurons" });
    this.curves = new Surface("nxp-curves", "Loss and accuracy on the training and test sets, against the step", 0.55);
    this.legend = el("p", { class: "nxp-legend" });
    this.python = el("div", { class: "nxp-python-box" });
    this.python.hidden = true;
    this.pythonCode = el("pre", {}, [el("code", { class: "language-python" })]);
    this.bCopyPy = el("button", { type: "button", class: "md-button", text: "Copy the script" });
    this.aDownload = el("a", { class: "md-button", download: "playground_run.py", text: "Download playground_run.py" });
    this.python.appendChild(el("div", { class: "nxp-buttons" }, [this.bCopyPy, this.aDownload]));
    this.python.appendChild(this.pythonCode);
    var views = el("div", { class: "nxp-views" }, [
      el("figure", { class: "nxp-view" }, [this.field.canvas, el("figcaption", { text: "Decision field: the probability of class 1 at every input; filled points train, rings test." })]),
      el("figure", { class: "nxp-view" }, [this.layerView.canvas, labelled("Stage", this.cStage), this.stageLabel]),
      el("figure", { class: "nxp-view nxp-wide" }, [this.curves.canvas, this.legend]),
      el("figure", { class: "nxp-view nxp-wide" }, [el("figcaption", { text: "Each neuron's output over the input plane (rows: layers)." }), this.neurons]),
    ]);
    var controls = el("div", { class: "nxp-controls" }, [data, net, train]);
    [this.notice, buttons, this.readout, el("div", { class: "nxp-main" }, [views, controls]), this.python].forEach(function (e) { self.root.appendChild(e); });
    this.buildLayerRows();

    function changed(fn) { return function () { fn(); self.settingsChanged(); }; }
    this.cData.addEventListener("change", changed(function () { s.data = self.cData.value; }));
    this.cN.addEventListener("change", changed(function () { s.n = Number(self.cN.value); }));
    this.cNoise.addEventListener("change", changed(function () { s.noise = Number(self.cNoise.value); }));
    this.cInit.addEventListener("change", changed(function () { s.init = self.cInit.value; }));
    this.cOpt.addEventListener("change", changed(function () { s.opt = self.cOpt.value; }));
    this.cLr.addEventListener("change", changed(function () { s.lr = Number(self.cLr.value); }));
    this.cBatch.addEventListener("change", changed(function () { s.batch = Number(self.cBatch.value); }));
    this.cSplit.addEventListener("change", changed(function () { s.split = Number(self.cSplit.value); }));
    this.cSeed.addEventListener("change", function () {
      var v = Number(self.cSeed.value);
      if (Math.floor(v) === v && v >= 0 && v <= C.LIMITS.seed[1]) { s.seed = v; self.settingsChanged(); }
      else self.cSeed.value = String(s.seed);
    });
    this.cLayers.addEventListener("change", function () {
      var v = Math.max(0, Math.min(C.LIMITS.layers, Math.round(Number(self.cLayers.value)) || 0));
      self.cLayers.value = String(v);
      while (s.layers.length < v) { s.layers.push(s.layers.length ? s.layers[s.layers.length - 1] : 4); s.act.push(s.act.length ? s.act[s.act.length - 1] : "tanh"); }
      s.layers.length = v; s.act.length = v;
      self.buildLayerRows();
      self.settingsChanged();
    });
    this.cSpeed.addEventListener("change", function () { self.stepsPerFrame = Number(self.cSpeed.value); });
    this.cStage.addEventListener("input", function () { self.stageFollows = false; self.draw(); });
    this.bPlay.addEventListener("click", function () { self.setPlaying(!self.playing); });
    this.bStep.addEventListener("click", function () { self.setPlaying(false); self.trainer.step(); self.afterSteps(true); });
    this.bReset.addEventListener("click", function () { self.reset(); });
    this.bPython.addEventListener("click", function () { self.togglePython(); });
    this.bCopyPy.addEventListener("click", function () { copy(self.pythonCode.textContent); });
    this.bLink.addEventListener("click", function () { copy(self.link()); });
    this.cClear.addEventListener("click", function () { if (s.points.length) { s.points = []; self.settingsChanged(); } });
    this.field.canvas.addEventListener("click", function (e) { self.addPoint(e); });
    this.field.canvas.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); self.addPointAt(0, 0); }
    });
  };

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(function () {});
  }

  Playground.prototype.buildLayerRows = function () {
    var self = this, s = this.state;
    this.layerRows.textContent = "";
    s.layers.forEach(function (w, i) {
      var width = el("input", { type: "number", min: "1", max: String(C.LIMITS.width), step: "1", value: String(w) });
      var act = select(Object.keys(ACT_LABELS), s.act[i], ACT_LABELS);
      width.addEventListener("change", function () {
        var v = Math.max(1, Math.min(C.LIMITS.width, Math.round(Number(width.value)) || 1));
        width.value = String(v); s.layers[i] = v; self.settingsChanged();
      });
      act.addEventListener("change", function () { s.act[i] = act.value; self.settingsChanged(); });
      self.layerRows.appendChild(el("div", { class: "nxp-layer" }, [
        labelled("Layer " + (i + 1) + " width", width), labelled("Layer " + (i + 1) + " activation", act)]));
    });
  };

  /* ---------------------------------------------------------------- the run */
  Playground.prototype.settingsChanged = function () {
    this.target = 0;
    this.reset();
  };
  Playground.prototype.link = function () {
    var s = this.state;
    s.t = this.trainer ? this.trainer.steps : 0;
    return location.href.split("#")[0] + "#" + C.formatState(s);
  };
  Playground.prototype.updateLink = function () {
    var s = this.state, t = s.t;
    s.t = 0;  // the address bar holds the settings; "Copy link" adds the step count
    history.replaceState(history.state, "", location.pathname + location.search + "#" + C.formatState(s));
    s.t = t;
  };
  Playground.prototype.reset = function () {
    var run = C.buildRun(this.state);
    this.run = run;
    this.trainer = new C.Trainer(run.options);
    this.history = [];
    this.error = null;
    this.extent = extentOf(run.X, run.y.length);
    this.grid = gridOf(this.extent);
    this.viewRows = sampleRows(this.trainer.train.n, MAX_VIEW_POINTS);
    var L = this.state.layers.length;
    this.cStage.max = String(L + 1);
    this.cStage.value = String(Math.min(L + 1, Math.max(1, L)));
    this.stageFollows = this.playing;
    this.ranges = {};
    this.count.textContent = run.y.length + " points (" + this.state.points.length + " added)";
    this.root.setAttribute("data-points", String(run.y.length));
    this.updateLink();
    this.record();
    this.buildNeurons();
    if (!this.python.hidden) this.showPython();
    this.afterSteps(true);
  };
  Playground.prototype.setPlaying = function (on) {
    this.playing = on;
    this.bPlay.textContent = on ? "Pause" : "Train";
    this.bPlay.setAttribute("aria-pressed", String(on));
    this.root.setAttribute("data-playing", String(on));
    if (on) this.stageFollows = true;
    if (!on) {
      this.afterSteps(true);
      if (!this.python.hidden) this.showPython();
    }
  };
  Playground.prototype.addPoint = function (e) {
    var r = this.field.canvas.getBoundingClientRect(), ex = this.extent;
    var x = ex[0] + (e.clientX - r.left) / r.width * (ex[1] - ex[0]);
    var y = ex[3] - (e.clientY - r.top) / r.height * (ex[3] - ex[2]);
    this.addPointAt(x, y);
  };
  Playground.prototype.addPointAt = function (x, y) {
    var s = this.state, c = C.LIMITS.coordinate;
    if (s.points.length >= C.LIMITS.points) return;
    x = Math.round(Math.max(-c, Math.min(c, x)) * 1000) / 1000;
    y = Math.round(Math.max(-c, Math.min(c, y)) * 1000) / 1000;
    s.points.push([x === 0 ? 0 : x, y === 0 ? 0 : y, this.addClass]);
    this.target = 0;
    this.reset();  // a new point is a new run: the link then rebuilds it from step 0
  };

  Playground.prototype.tick = function (now) {
    if (!this.root.isConnected) return;  // left by Material's instant navigation
    var t = this.trainer, ran = 0;
    if (this.target > t.steps) {  // rebuilding a link's run: as fast as a frame allows
      var start = performance.now();
      while (t.steps < this.target && performance.now() - start < 30) {
        for (var i = 0; i < 50 && t.steps < this.target; i++) { if (!t.step()) break; ran++; }
        if (t.diverged) break;
      }
      if (t.steps >= this.target || t.diverged) { this.target = 0; this.afterSteps(true); }
    } else if (this.playing) {
      if (!t.run(this.stepsPerFrame)) this.setPlaying(false);
      ran = this.stepsPerFrame;
    }
    if (ran) this.afterSteps(false, now);
    requestAnimationFrame(this.frame);
  };
  Playground.prototype.record = function () {
    var e = this.trainer.evaluate();
    this.last = e;
    var h = this.history;
    if (!h.length || h[h.length - 1].step !== this.trainer.steps) h.push({ step: this.trainer.steps, e: e });
    if (h.length > 400) this.history = h.filter(function (_, i) { return i % 2 === 0 || i === h.length - 1; });
  };
  Playground.prototype.afterSteps = function (force, now) {
    this.record();
    var t0 = performance.now();
    this.draw();
    this.drawMs = performance.now() - t0;
    this.root.setAttribute("data-steps", String(this.trainer.steps));
    this.root.setAttribute("data-loss", String(this.last.loss));
    now = now || performance.now();
    if (force || !this.readAt || now - this.readAt > READOUT_MS) {
      this.readAt = now;
      var e = this.last, t = this.trainer;
      this.readout.textContent = (t.diverged ? "Diverged (the gradient is no longer finite) at step " : "Step ") +
        t.steps.toLocaleString("en") + " (epoch " + Math.max(t.epoch, 0) + "): training loss " + fmt(e.loss, 4) +
        ", accuracy " + pct(e.accuracy) + (t.nTest ? "; test loss " + fmt(e.testLoss, 4) + ", accuracy " + pct(e.testAccuracy) : "") + ".";
    }
  };

  /* ---------------------------------------------------------------- views */
  function extentOf(X, n) {
    var lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    for (var i = 0; i < n; i++) for (var k = 0; k < 2; k++) { lo[k] = Math.min(lo[k], X[2 * i + k]); hi[k] = Math.max(hi[k], X[2 * i + k]); }
    var cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2, r = Math.max(hi[0] - lo[0], hi[1] - lo[1], 0.5) * 0.6;
    return [cx - r, cx + r, cy - r, cy + r];
  }
  function gridOf(ex) {
    var g = new Float64Array(2 * GRID * GRID);
    for (var j = 0; j < GRID; j++) for (var i = 0; i < GRID; i++) {
      g[2 * (j * GRID + i)] = ex[0] + (i + 0.5) / GRID * (ex[1] - ex[0]);
      g[2 * (j * GRID + i) + 1] = ex[3] - (j + 0.5) / GRID * (ex[3] - ex[2]);
    }
    return g;
  }
  function sampleRows(n, most) {
    var rows = [], step = Math.max(1, n / most);
    for (var i = 0; i < n && rows.length < most; i += step) rows.push(Math.floor(i));
    return rows;
  }

  Playground.prototype.probability = function (p) {
    var c = p < 0.5 ? mixRGB(this.rgb.p0, this.rgb.p1, p * 2) : mixRGB(this.rgb.p1, this.rgb.p2, (p - 0.5) * 2);
    return mixRGB(c, this.rgb.p1, 0.35);  // lighter, so that the points stand out
  };
  Playground.prototype.signed = function (v) {
    v = Math.max(-1, Math.min(1, v));
    return v < 0 ? mixRGB(this.rgb.zero, this.rgb.neg, -v) : mixRGB(this.rgb.zero, this.rgb.pos, v);
  };

  Playground.prototype.draw = function () {
    var probe = this.trainer.probe;
    probe.forward(this.grid, GRID * GRID);
    this.drawField(probe);
    this.drawNeurons(probe);
    this.drawLayer();
    this.drawCurves();
  };

  Playground.prototype.image = function (key, fill) {
    if (!this.img) {
      this.img = document.createElement("canvas");
      this.img.width = this.img.height = GRID;
      this.imgCtx = this.img.getContext("2d");
      this.imgData = this.imgCtx.createImageData(GRID, GRID);
    }
    var d = this.imgData.data;
    for (var i = 0; i < GRID * GRID; i++) {
      var c = fill(i);
      d[4 * i] = c[0]; d[4 * i + 1] = c[1]; d[4 * i + 2] = c[2]; d[4 * i + 3] = 255;
    }
    this.imgCtx.putImageData(this.imgData, 0, 0);
    return this.img;
  };

  Playground.prototype.drawField = function (probe) {
    var S = this.field, ctx = S.fit(), self = this, L = this.trainer.sizes.length - 2;
    var out = probe.a[L];
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.image("field", function (i) { return self.probability(out[i]); }), 0, 0, S.w, S.h);
    var ex = this.extent, sx = S.w / (ex[1] - ex[0]), sy = S.h / (ex[3] - ex[2]);
    var r = Math.max(1.5, Math.min(3.5, 700 / Math.sqrt(this.run.y.length) / 10));
    var sets = [this.trainer.train, this.trainer.test];
    sets.forEach(function (set, which) {
      for (var k = 0; k < 2; k++) {
        ctx.beginPath();
        for (var i = 0; i < set.n; i++) {
          if (set.y[i] !== k) continue;
          var px = (set.X[2 * i] - ex[0]) * sx, py = (ex[3] - set.X[2 * i + 1]) * sy;
          ctx.moveTo(px + r, py);
          ctx.arc(px, py, r, 0, 2 * Math.PI);
        }
        if (which === 0) { ctx.fillStyle = self.pal.classes[k]; ctx.fill(); }
        else { ctx.strokeStyle = self.pal.classes[k]; ctx.lineWidth = 1.2; ctx.stroke(); }
      }
    });
    // the points added by clicking: a ring of ink around each
    ctx.beginPath();
    this.state.points.forEach(function (p) {
      var px = (p[0] - ex[0]) * sx, py = (ex[3] - p[1]) * sy;
      ctx.moveTo(px + r + 2, py);
      ctx.arc(px, py, r + 2, 0, 2 * Math.PI);
    });
    ctx.strokeStyle = this.pal.neutral.ink; ctx.lineWidth = 1; ctx.stroke();
  };

  Playground.prototype.buildNeurons = function () {
    var self = this, sizes = this.trainer.sizes;
    this.neurons.textContent = "";
    this.neuronCanvases = [];
    for (var l = 1; l < sizes.length; l++) {
      var row = el("div", { class: "nxp-neuron-row" }, [el("span", { class: "nxp-neuron-label",
        text: l === sizes.length - 1 ? "output" : "layer " + l + " (" + this.state.act[l - 1] + ")" })]);
      var cs = [];
      for (var j = 0; j < sizes[l]; j++) {
        var c = el("canvas", { class: "nxp-neuron", width: String(GRID), height: String(GRID), role: "img",
          "aria-label": (l === sizes.length - 1 ? "Output" : "Layer " + l + ", neuron " + (j + 1)) + " over the input plane" });
        row.appendChild(c);
        cs.push(c);
      }
      self.neurons.appendChild(row);
      this.neuronCanvases.push(cs);
    }
  };
  Playground.prototype.drawNeurons = function (probe) {
    var self = this, sizes = this.trainer.sizes, n = GRID * GRID;
    for (var l = 1; l < sizes.length; l++) {
      var a = probe.a[l - 1], w = sizes[l], name = probe.names[l - 1];
      for (var j = 0; j < w; j++) {
        var lo = 0, hi = 0, i;
        for (i = 0; i < n; i++) { var v = a[i * w + j]; if (v < lo) lo = v; if (v > hi) hi = v; }
        var centre = name === "sigmoid" ? 0.5 : 0, scale = name === "sigmoid" ? 0.5 : name === "tanh" ? 1 : Math.max(-lo, hi, 1e-12);
        var isOut = l === sizes.length - 1;
        var img = this.image("n", isOut ? function (i) { return self.probability(a[i]); } : function (i) { return self.signed((a[i * w + j] - centre) / scale); });
        var c = this.neuronCanvases[l - 1][j], ctx = c.getContext("2d");
        ctx.drawImage(img, 0, 0);
      }
    }
  };

  /* The stage view: the training points after layer `stage` (0: the input), in a fixed frame. */
  Playground.prototype.drawLayer = function () {
    var S = this.layerView, ctx = S.fit(), t = this.trainer, probe = t.net, L = t.sizes.length - 1;
    if (this.stageFollows && this.playing && L > 1) {  // while training the slider walks the layers
      var next = 1 + Math.floor(performance.now() / 1500) % (L - 1 + 1);
      this.cStage.value = String(Math.min(next, L));
    }
    var stage = Number(this.cStage.value), rows = this.viewRows, n = rows.length, w = t.sizes[stage];
    var X = new Float64Array(n * 2), y = new Uint8Array(n);
    for (var i = 0; i < n; i++) { X[2 * i] = t.train.X[2 * rows[i]]; X[2 * i + 1] = t.train.X[2 * rows[i] + 1]; y[i] = t.train.y[rows[i]]; }
    var name = stage === 0 ? "input" : probe.names[stage - 1], values;
    if (stage === 0) values = X;
    else { this.viewNet = this.viewNet || new C.Network(t.sizes, probe.names, t.params); this.viewNet.params = t.params; this.viewNet.forward(X, n); values = this.viewNet.a[stage - 1]; }
    var label = stage === 0 ? "input" : stage === L ? "output (sigmoid)" : "layer " + stage + " (" + name + ", " + w + " unit" + (w > 1 ? "s" : "") + ")";
    this.stageLabel.textContent = label + (w > 3 ? ": units 1-3 of " + w : "");
    this.cStage.setAttribute("aria-valuetext", label);
    // the frame: fixed by the activation's range, or grown (never shrunk) to the values seen
    var lo, hi;
    if (name === "tanh") { lo = -1; hi = 1; } else if (name === "sigmoid") { lo = 0; hi = 1; }
    else if (stage === 0) { lo = Math.min(this.extent[0], this.extent[2]); hi = Math.max(this.extent[1], this.extent[3]); }
    else {
      var m = 0;
      for (i = 0; i < n * w; i++) m = Math.max(m, Math.abs(values[i]));
      var key = stage + ":" + name, r = this.ranges[key] || 1;
      while (m > r) r *= 2;
      this.ranges[key] = r;
      lo = name === "relu" ? 0 : -r; hi = r;
    }
    ctx.fillStyle = this.pal.neutral.paper; ctx.fillRect(0, 0, S.w, S.h);
    var pad = 14, W = S.w - 2 * pad, H = S.h - 2 * pad, d = Math.min(w, 3), self = this;
    var u = function (v) { return (v - lo) / (hi - lo) - 0.5; };
    var proj;
    if (d === 1) proj = function (i) { return [pad + (u(values[i * w]) + 0.5) * W, pad + H * (0.3 + 0.4 * y[i] + 0.15 * ((i * 0.618) % 1))]; };
    else if (d === 2) proj = function (i) { return [pad + (u(values[i * w]) + 0.5) * W, pad + (0.5 - u(values[i * w + 1])) * H]; };
    else {
      var ca = Math.cos(0.6), sa = Math.sin(0.6), cb = Math.cos(0.45), sb = Math.sin(0.45), k = 0.62;
      proj = function (i) { return p3(u(values[i * w]), u(values[i * w + 1]), u(values[i * w + 2])); };
      var p3 = function (a, b, c) {
        var x1 = ca * a - sa * c, z1 = sa * a + ca * c, y2 = cb * b - sb * z1;
        return [pad + W / 2 + k * W * x1, pad + H / 2 - k * H * y2];
      };
      // the cube of the frame
      ctx.strokeStyle = this.pal.neutral.grid; ctx.lineWidth = 1; ctx.beginPath();
      [[0, 1], [1, 3], [3, 2], [2, 0], [4, 5], [5, 7], [7, 6], [6, 4], [0, 4], [1, 5], [2, 6], [3, 7]].forEach(function (e) {
        var a = p3((e[0] & 1) - 0.5, ((e[0] >> 1) & 1) - 0.5, ((e[0] >> 2) & 1) - 0.5), b = p3((e[1] & 1) - 0.5, ((e[1] >> 1) & 1) - 0.5, ((e[1] >> 2) & 1) - 0.5);
        ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]);
      });
      ctx.stroke();
    }
    if (d < 3) { ctx.strokeStyle = this.pal.neutral.grid; ctx.lineWidth = 1; ctx.strokeRect(pad, pad, W, H); }
    for (var c = 0; c < 2; c++) {
      ctx.beginPath();
      for (i = 0; i < n; i++) {
        if (y[i] !== c) continue;
        var p = proj(i);
        ctx.moveTo(p[0] + 2.2, p[1]); ctx.arc(p[0], p[1], 2.2, 0, 2 * Math.PI);
      }
      ctx.fillStyle = self.pal.classes[c]; ctx.fill();
    }
    ctx.fillStyle = this.pal.neutral.ink; ctx.font = "12px sans-serif";
    ctx.fillText(lo + " to " + hi, pad, S.h - 2);
  };

  Playground.prototype.drawCurves = function () {
    var S = this.curves, ctx = S.fit(), h = this.history, pal = this.pal;
    ctx.fillStyle = pal.neutral.paper; ctx.fillRect(0, 0, S.w, S.h);
    var padL = 40, padB = 18, gap = 16, W = (S.w - padL - gap - 8) / 2, H = S.h - padB - 8;
    var last = h.length ? h[h.length - 1].step : 0, xmax = Math.max(10, last);
    var lmax = 0;
    h.forEach(function (r) { [r.e.loss, r.e.testLoss].forEach(function (v) { if (isFinite(v)) lmax = Math.max(lmax, v); }); });
    lmax = lmax > 0 ? Math.pow(2, Math.ceil(Math.log2(lmax))) : 1;
    var panels = [{ x0: padL, key: ["loss", "testLoss"], max: lmax, name: "loss" },
      { x0: padL + W + gap + 24, key: ["accuracy", "testAccuracy"], max: 1, name: "accuracy" }];
    ctx.font = "11px sans-serif";
    panels.forEach(function (p) {
      var w = p === panels[1] ? W - 24 : W;
      ctx.strokeStyle = pal.neutral.axis; ctx.lineWidth = 1;
      ctx.strokeRect(p.x0, 4, w, H);
      ctx.fillStyle = pal.neutral.ink;
      ctx.fillText(String(p.max), p.x0 - 4 - ctx.measureText(String(p.max)).width, 12);
      ctx.fillText("0", p.x0 - 10, H + 4);
      ctx.fillText(p === panels[0] ? "loss, steps 0-" + xmax.toLocaleString("en") : "accuracy", p.x0 + 4, H + padB);
      p.key.forEach(function (key, k) {
        ctx.beginPath();
        var started = false;
        h.forEach(function (r) {
          var v = r.e[key];
          if (!isFinite(v)) return;
          var px = p.x0 + r.step / xmax * w, py = 4 + H * (1 - Math.min(v, p.max) / p.max);
          if (started) ctx.lineTo(px, py); else { ctx.moveTo(px, py); started = true; }
        });
        ctx.strokeStyle = pal.neutral.ink; ctx.lineWidth = k ? 1.2 : 1.8;
        ctx.setLineDash(k ? [4, 3] : []);
        ctx.stroke();
        ctx.setLineDash([]);
      });
    });
    this.legend.textContent = "Solid: training set; dashed: test set" + (this.trainer.nTest ? "" : " (no test set: test share 0)") + ".";
  };

  Playground.prototype.togglePython = function () {
    var open = this.python.hidden;
    this.python.hidden = !open;
    this.bPython.setAttribute("aria-expanded", String(open));
    if (open) this.showPython();
  };
  Playground.prototype.showPython = function () {
    var text = C.pythonScript(this.state, this.trainer.steps, this.trainer.evaluate().loss);
    this.pythonCode.firstChild.textContent = text;
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/x-python" }));
    this.aDownload.href = this.downloadUrl;
  };

  function init() {
    document.querySelectorAll(SELECTOR).forEach(function (root) {
      if (!root.__playground) new Playground(root);
    });
  }
  window.nnexplainPlaygroundPage = { init: init, Playground: Playground };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
