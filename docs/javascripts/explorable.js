/* nnexplain explorable player: draws the data sets written by nnexplain.explorable.
 *
 * Vanilla JavaScript and Canvas 2D; no framework, nothing fetched from another host. Each
 * <div class="nnexplain-explorable" data-manifest="..."> becomes a player: play/pause, a scrub
 * slider over the stages, step buttons and arrow keys, dials (radio groups) that fetch and show
 * their variant, drag/touch to turn a 3D stage, hover/tap a point to follow it in every stage,
 * a readout of the number the page checks (the variant's "readout", aria-live), a dial drawn
 * as a slider when its values are a quantity (nnexplainFormat.numericDial), a zoom offered on a stage that is a speck in the shared frame (the kind's zoom(); the label
 * says when it is on), and a strip of per-unit heat-maps. What is drawn depends on the variant's kind, one file each
 * (explorable-points.js, explorable-histograms.js, explorable-images.js, loaded after
 * explorable-format.js and before this file): the player calls the functions its kind registered
 * (nnexplainFormat.kinds) and holds no kind of its own. The state is mirrored in data-*
 * attributes of the element (data-stage, data-variant, data-kind, data-playing, data-highlight,
 * data-yaw) for tests and styling.
 */
(function () {
  "use strict";

  var SELECTOR = ".nnexplain-explorable";
  // The format (checks, decoding, the clock, the kinds) lives in explorable-format.js, loaded first.
  var F = window.nnexplainFormat, DataError = F.DataError;
  var uid = 0;

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  /* Fetch a URL, naming the file when it is missing. */
  function fetchOk(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) {
        var name = decodeURIComponent(url.pathname.split("/").pop());
        throw new DataError(name + " is missing (HTTP " + r.status + ")");
      }
      return r;
    });
  }

  function Player(root) {
    this.root = root;
    this.id = "nx" + (++uid);
    this.t = 0;
    this.yaw = -0.9;
    this.pitch = 0.45;
    this.highlight = -1;
    this.playing = false;
    this.cache = {};
    root.setAttribute("data-ready", "loading");
    root.__explorable = this;
    var self = this;
    // The static figure (poster and video), kept to put back if the data cannot be read.
    var fallback = root.querySelector(".nnexplain-explorable__fallback");
    this.fallback = fallback ? fallback.cloneNode(true) : null;
    var url = new URL(root.getAttribute("data-manifest"), window.location.href);
    this.base = url;
    fetchOk(url).then(function (r) {
      return r.text();
    }).then(function (text) {
      var manifest;
      try { manifest = JSON.parse(text); } catch (e) {
        throw new DataError("the manifest is not valid JSON (a file cut short or corrupt)");
      }
      F.checkManifest(manifest);
      self.manifest = manifest;
      self.ease = F.EASINGS[manifest.timing.easing];
      self.build();
      return self.select(manifest.default || 0);
    }).then(function () {
      root.setAttribute("data-ready", "true");
      self.autoplay();
    }).catch(function (err) { self.fail(err); });
  }

  /* The data cannot be read: say so in the figure and put the static figure back. The rest of
   * the page (and every other figure) keeps working. */
  Player.prototype.fail = function (err) {
    var root = this.root, reason = err instanceof DataError ? err.message : "the data are unreadable (" + err + ")";
    this.playing = false;
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.ui) this.ui.remove();
    var old = root.querySelector(".nnexplain-explorable__fallback, .nnexplain-explorable__download");
    if (old) old.remove();
    var message = h("p", { class: "nx-error", role: "alert", text: "Could not read this figure's data: " + reason + "." });
    root.insertBefore(message, root.firstChild);
    if (this.fallback) root.appendChild(this.fallback);
    root.removeAttribute("data-loading");
    root.setAttribute("data-ready", "error");
    root.setAttribute("data-error", reason);
  };

  Player.prototype.build = function () {
    var m = this.manifest, self = this, root = this.root;
    this.y = m.y;
    this.palette = m.palette;
    this.signed = { neg: F.hexRgb(m.palette.signed.negative), pos: F.hexRgb(m.palette.signed.positive) };
    var nClasses = m.y.reduce(function (a, b) { return Math.max(a, b + 1); }, 1);
    this.colors = [];
    for (var k = 0; k < nClasses; k++) this.colors.push(F.classColor(m.palette, k));
    var fallback = root.querySelector(".nnexplain-explorable__fallback");
    if (fallback) {
      var media = fallback.querySelector("video, img"); // removed: it would load and play too
      if (media) fallback.replaceChildren(h("a", { href: media.getAttribute("src"), text: "Download this figure as a video" }));
      else fallback.replaceChildren();
      fallback.className = "nnexplain-explorable__download";
    }
    var ui = h("div", { class: "nx-player" });
    if (m.title) ui.appendChild(h("p", { class: "nx-title", text: m.title }));
    // Dials: a slider for a quantity (F.numericDial), else one radio group, each labelled; they
    // start on the manifest's default variant.
    var start = m.variants[m.default || 0].key || {};
    this.dialInputs = {};
    this.dialValue = {};
    Object.keys(m.dials).forEach(function (name, d) {
      var values = m.dials[name], group;
      if (F.numericDial(values)) {
        var id = self.id + "-d" + d, at = Math.max(0, values.indexOf(start[name]));
        var input = h("input", { type: "range", id: id, class: "nx-dial-slider", min: "0", max: String(values.length - 1),
          step: "1", value: String(at), "aria-valuetext": values[at] });
        var out = h("output", { class: "nx-dial-value", for: id, text: values[at] });
        input.addEventListener("input", function () {
          var value = values[parseInt(input.value, 10)];
          out.textContent = value;
          input.setAttribute("aria-valuetext", value);
          self.onDial();
        });
        group = h("div", { class: "nx-dial nx-dial--slider" }, [h("label", { for: id, text: name }), input, out]);
        self.dialValue[name] = function () { return values[parseInt(input.value, 10)]; };
      } else {
        group = h("fieldset", { class: "nx-dial", role: "radiogroup" }, [h("legend", { text: name })]);
        values.forEach(function (value) {
          var radio = h("input", { type: "radio", name: self.id + "-d" + d, value: value });
          radio.checked = value === (start[name] === undefined ? values[0] : start[name]);
          radio.addEventListener("change", function () { self.onDial(); });
          group.appendChild(h("label", {}, [radio, document.createTextNode(" " + value)]));
        });
        self.dialValue[name] = function () { return group.querySelector("input:checked").value; };
      }
      self.dialInputs[name] = group;
      ui.appendChild(group);
    });
    // The number the page checks, for the variant (and stage) on screen; read aloud on change.
    this.readout = h("p", { class: "nx-readout", "aria-live": "polite", "aria-atomic": "true", hidden: "" });
    ui.appendChild(this.readout);
    this.label = h("p", { class: "nx-label", "aria-live": "polite" });
    ui.appendChild(this.label);
    this.canvas = h("canvas", { class: "nx-canvas", tabindex: "0", role: "img" });
    ui.appendChild(this.canvas);
    // Controls.
    this.playButton = h("button", { type: "button", class: "nx-play", "aria-label": "Play" });
    var prev = h("button", { type: "button", class: "nx-prev", "aria-label": "Previous stage", text: "\u25C0" });
    var next = h("button", { type: "button", class: "nx-next", "aria-label": "Next stage", text: "\u25B6" });
    this.slider = h("input", { type: "range", class: "nx-slider", min: "0", step: "0.01", value: "0",
      "aria-label": "Stage", list: this.id + "-ticks" });
    this.ticks = h("datalist", { id: this.id + "-ticks" });
    // The zoom: offered where the kind says a stage is a speck in the shared frame.
    this.zoomed = false;
    this.zoomButton = h("button", { type: "button", class: "nx-zoom", "aria-pressed": "false", hidden: "" });
    ui.appendChild(h("div", { class: "nx-controls" }, [this.playButton, prev, this.slider, next, this.ticks, this.zoomButton]));
    this.strip = h("div", { class: "nx-stages", role: "group", "aria-label": "Stages" });
    ui.appendChild(this.strip);
    this.units = h("div", { class: "nx-units", role: "group", "aria-label": "What each unit responds to over the input plane" });
    ui.appendChild(this.units);
    this.hint = h("p", { class: "nx-hint" });
    ui.appendChild(this.hint);
    root.insertBefore(ui, root.firstChild);
    this.ui = ui;
    this.updatePlayButton();

    this.playButton.addEventListener("click", function () { self.playing ? self.pause() : self.play(); });
    this.zoomButton.addEventListener("click", function () { self.setZoom(!self.zoomed); });
    prev.addEventListener("click", function () { self.step(-1); });
    next.addEventListener("click", function () { self.step(1); });
    this.slider.addEventListener("input", function () { self.pause(); self.seek(parseFloat(self.slider.value)); });
    ui.addEventListener("keydown", function (e) { self.onKey(e); });
    this.bindPointer();
    this.observeTheme();
    if (window.ResizeObserver) {
      new ResizeObserver(function () { self.resize(); }).observe(ui);
    }
  };

  Player.prototype.onKey = function (e) {
    if (e.target && (e.target.type === "radio" || e.target.classList.contains("nx-dial-slider"))) return; // dials keep their arrows
    var turn = e.shiftKey && this.v && this.v.dims === 3;
    if (turn && (e.key.indexOf("Arrow") === 0)) {
      var d = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, 0.15], ArrowDown: [0, -0.15] }[e.key];
      this.turn(d[0], d[1]);
      e.preventDefault();
      return;
    }
    if (e.key === "ArrowRight" || e.key === "ArrowUp") { this.step(1); e.preventDefault(); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowDown") { this.step(-1); e.preventDefault(); }
    else if (e.key === "Home") { this.pause(); this.seek(0); e.preventDefault(); }
    else if (e.key === "End") { this.pause(); this.seek(this.n - 1); e.preventDefault(); }
    else if (e.key === " " && e.target === this.canvas) { this.playing ? this.pause() : this.play(); e.preventDefault(); }
    else if (e.key === "Escape") { this.setHighlight(-1); }
  };

  /* The variant whose key matches the checked radio buttons. */
  Player.prototype.onDial = function () {
    var key = {}, self = this;
    Object.keys(this.dialValue).forEach(function (name) { key[name] = self.dialValue[name](); });
    var index = this.manifest.variants.findIndex(function (v) {
      return Object.keys(key).every(function (k) { return v.key[k] === key[k]; });
    });
    if (index >= 0) this.select(index).catch(function (err) { self.fail(err); });
  };

  Player.prototype.load = function (index) {
    if (this.cache[index]) return Promise.resolve(this.cache[index]);
    var entry = this.manifest.variants[index], self = this;
    var url = new URL(entry.file, this.base);
    return fetchOk(url).then(function (r) {
      return r.arrayBuffer();
    }).then(function (buffer) {
      var v = F.readVariant(buffer, entry);
      F.kindOf(entry).prepare(self, v);
      self.cache[index] = v;
      return v;
    });
  };

  Player.prototype.select = function (index) {
    var self = this;
    this.root.setAttribute("data-loading", "true");
    return this.load(index).then(function (v) {
      self.variantIndex = index;
      self.v = v;
      self.kind = F.kindOf(v.entry); // what v's kind file registered: the player draws through it
      self.n = v.labels.length;
      self.slider.max = String(self.n - 1);
      self.t = Math.min(self.t, self.n - 1);
      self.ticks.replaceChildren.apply(self.ticks, v.labels.map(function (label, i) {
        return h("option", { value: String(i), label: label });
      }));
      var key = v.entry.key, names = Object.keys(key);
      self.root.setAttribute("data-variant", String(index));
      self.root.setAttribute("data-variant-label", names.map(function (k) { return k + ": " + key[k]; }).join(", "));
      var steps = self.n > 1 ? "Arrow keys step through the stages." : "";
      self.hint.textContent = self.kind.hint(self, v) + steps;
      self.root.setAttribute("data-kind", v.kind);
      self.root.classList.toggle("nx-3d", v.dims === 3); // only points have a third dimension
      self.root.classList.toggle("nx-single", self.n === 1);
      self.root.removeAttribute("data-loading");
      self.buildStrip();
      self.buildUnits();
      self.resize();
    });
  };

  Player.prototype.buildStrip = function () {
    var self = this;
    this.thumbs = this.v.labels.map(function (label, i) {
      var c = h("canvas", { width: "120", height: "90", "aria-hidden": "true" });
      var b = h("button", { type: "button", class: "nx-thumb", "aria-label": "Go to stage " + (i + 1) + ": " + label },
        [c, h("span", { text: label })]);
      b.addEventListener("click", function () { self.pause(); self.seek(i); });
      return b;
    });
    this.strip.replaceChildren.apply(this.strip, this.thumbs);
  };

  /* The strip under the figure (per-unit heat-maps), if the variant's kind draws one. */
  Player.prototype.buildUnits = function () {
    var units = this.kind.units;
    this.units.replaceChildren.apply(this.units, units ? units(this, this.v) : []);
  };

  Player.prototype.resize = function () {
    if (!this.v) return;
    var ratio = window.devicePixelRatio || 1;
    var width = Math.max(200, Math.round(this.canvas.parentNode.clientWidth));
    var height = Math.round(this.heightFor(width));
    this.canvas.style.height = height + "px";
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.ratio = ratio;
    this.draw();
    this.drawThumbs();
  };

  Player.prototype.heightFor = function (width) {
    return this.kind.height(this, this.v, width);
  };

  /* A DOM element, for the kinds: tag, attributes ("text": its text) and children. */
  Player.prototype.el = h;

  Player.prototype.observeTheme = function () {
    var self = this;
    this.readTheme();
    var watch = new MutationObserver(function () {
      if (!self.root.isConnected) { watch.disconnect(); return; } // left by instant navigation
      self.readTheme(); self.draw(); self.drawThumbs();
    });
    watch.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  };

  Player.prototype.readTheme = function () {
    var style = getComputedStyle(this.root);
    var neutral = this.palette.neutral;
    this.fg = style.getPropertyValue("--md-default-fg-color").trim() || neutral.ink;
    this.gridColor = style.getPropertyValue("--md-default-fg-color--lighter").trim() || neutral.grid;
  };

  /* Draw stage position t on ctx (w x hgt CSS pixels); screen coordinates land in sx, sy. */
  Player.prototype.render = function (ctx, t, w, hgt, radius, sx, sy, lineWidth) {
    this.kind.render(this, this.v, ctx, t, w, hgt, radius, sx, sy, lineWidth);
  };

  Player.prototype.draw = function () {
    if (!this.v || !this.canvas.width) return;
    var ctx = this.canvas.getContext("2d"), r = this.ratio;
    ctx.setTransform(r, 0, 0, r, 0, 0);
    var w = this.canvas.width / r, hgt = this.canvas.height / r;
    var radius = this.y.length > 1000 ? 1.6 : 2.3;
    this.render(ctx, this.t, w, hgt, radius, this.v.sx, this.v.sy, 0.8);
    var i = Math.round(this.t), label = this.v.labels[i];
    this.label.textContent = (this.n > 1 ? label + "  (" + (i + 1) + " / " + this.n + ")" : label) +
      (this.zoomed ? " \u2014 zoomed: each stage fills the view" : "");
    this.updateZoom(i);
    var r = this.v.entry.readout, text = Array.isArray(r) ? r[i] : r || "";
    if (this.readout.textContent !== text) this.readout.textContent = text;
    if (text) this.readout.removeAttribute("hidden"); else this.readout.setAttribute("hidden", "");
    this.root.setAttribute("data-readout", text);
    var what = this.kind.describe(this, this.v, i);
    this.canvas.setAttribute("aria-label", (this.manifest.alt || "") + " Showing " + label + what + ".");
    this.slider.value = String(this.t);
    this.slider.setAttribute("aria-valuetext", label);
    this.root.setAttribute("data-stage", String(i));
    this.root.setAttribute("data-stage-label", label);
    this.root.setAttribute("data-t", this.t.toFixed(2));
    this.root.setAttribute("data-yaw", this.yaw.toFixed(3));
    (this.thumbs || []).forEach(function (b, k) { b.setAttribute("aria-current", k === i ? "step" : "false"); });
  };

  /* The zoom button: shown while the stage is a speck in the shared frame (the kind's zoom()
   * over 1), or while zoomed; it says by how much it enlarges. */
  Player.prototype.updateZoom = function (i) {
    var factor = this.kind.zoom ? this.kind.zoom(this, this.v, i) : 1, b = this.zoomButton;
    var show = this.zoomed || factor > 1;
    if (show) b.removeAttribute("hidden"); else b.setAttribute("hidden", "");
    b.textContent = this.zoomed ? "Back to the shared frame" : "Zoom in \u00D7" + Math.round(factor);
    b.setAttribute("aria-pressed", this.zoomed ? "true" : "false");
    this.root.setAttribute("data-zoomed", this.zoomed ? "true" : "false");
  };

  Player.prototype.setZoom = function (on) {
    this.zoomed = !!on;
    this.draw();
    this.drawThumbs();
  };

  /* One small canvas per stage: the highlighted point is ringed in every one of them. */
  Player.prototype.drawThumbs = function () {
    if (!this.thumbs || !this.v) return;
    var self = this, n = this.v.sx.length, X = new Float32Array(n), Y = new Float32Array(n);
    this.thumbs.forEach(function (b, i) {
      var c = b.querySelector("canvas"), ctx = c.getContext("2d");
      self.render(ctx, i, c.width, c.height, 1, X, Y, 0.4);
    });
  };

  Player.prototype.seek = function (t) {
    this.t = Math.max(0, Math.min(this.n - 1, t));
    this.draw();
  };

  Player.prototype.step = function (d) {
    this.pause();
    var i = Math.round(this.t);
    var target = d > 0 ? (this.t < i ? i : i + 1) : (this.t > i ? i : i - 1);
    this.seek(target);
  };

  Player.prototype.turn = function (dyaw, dpitch) {
    this.yaw += dyaw;
    this.pitch = Math.max(-1.55, Math.min(1.55, this.pitch + dpitch));
    this.draw();
  };

  Player.prototype.updatePlayButton = function () {
    this.playButton.textContent = this.playing ? "\u275A\u275A" : "\u25B6\uFE0E Play";
    this.playButton.setAttribute("aria-label", this.playing ? "Pause" : "Play");
    this.playButton.setAttribute("aria-pressed", this.playing ? "true" : "false");
    this.root.setAttribute("data-playing", this.playing ? "true" : "false");
  };

  Player.prototype.play = function () {
    if (this.playing || !this.v || this.n < 2) return;
    if (this.t >= this.n - 1) this.seek(0);
    this.playing = true;
    this.updatePlayButton();
    var self = this, start = null, from = this.t;
    var tick = function (now) {
      if (!self.playing) return;
      if (start === null) start = now;
      var t = F.stageAt(now - start, from, self.n, self.manifest.timing);
      if (t >= self.n - 1) { self.seek(self.n - 1); self.pause(); return; }
      self.seek(t);
      self.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  };

  Player.prototype.pause = function () {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.updatePlayButton();
  };

  Player.prototype.autoplay = function () {
    if (reducedMotion() || !window.IntersectionObserver) return;
    var self = this, seen = new IntersectionObserver(function (entries) {
      if (reducedMotion()) return; // the setting may change while the page is open
      if (entries.some(function (e) { return e.isIntersecting; })) {
        seen.disconnect();
        self.play();
      }
    }, { threshold: 0.6 });
    seen.observe(this.canvas);
  };

  Player.prototype.setHighlight = function (index) {
    if (index === this.highlight) return;
    this.highlight = index;
    this.root.setAttribute("data-highlight", String(index));
    this.draw();
    this.drawThumbs();
  };

  /* Nearest point to (x, y) in CSS pixels of the canvas, within 12 px; -1 if none. */
  Player.prototype.pick = function (x, y) {
    var sx = this.v.sx, sy = this.v.sy, best = -1, bestD = 144; // empty unless points
    for (var i = 0; i < sx.length; i++) {
      var dx = sx[i] - x, dy = sy[i] - y, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  };

  Player.prototype.bindPointer = function () {
    var self = this, c = this.canvas, drag = null;
    var local = function (e) {
      var r = c.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    c.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, moved: false };
      if (self.v && self.v.dims === 3) c.setPointerCapture(e.pointerId);
    });
    c.addEventListener("pointermove", function (e) {
      if (!self.v) return;
      if (drag && self.v.dims === 3) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 2) {
          drag.moved = true;
          drag.x = e.clientX; drag.y = e.clientY;
          self.turn(dx * 0.01, dy * 0.01);
        }
        return;
      }
      if (e.pointerType === "mouse") {
        var p = local(e), i = self.pick(p[0], p[1]);
        if (i >= 0) self.setHighlight(i);
      }
    });
    c.addEventListener("pointerup", function (e) {
      var wasDrag = drag && drag.moved;
      drag = null;
      if (wasDrag) { self.drawThumbs(); return; }
      var p = local(e);
      self.setHighlight(self.pick(p[0], p[1])); // a tap (or click) on empty space clears
    });
    c.addEventListener("pointercancel", function () { drag = null; });
  };

  /* A hook for tests and the benchmark: where point i is drawn, in CSS pixels of the page. */
  Player.prototype.pointOnPage = function (i) {
    var r = this.canvas.getBoundingClientRect();
    return [r.left + this.v.sx[i], r.top + this.v.sy[i]];
  };

  function init() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      if (!el.__explorable) new Player(el);
    });
  }

  window.nnexplainExplorable = { init: init, Player: Player };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages without a reload
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
