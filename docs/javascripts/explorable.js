/* nnexplain explorable player: draws the data sets written by nnexplain.explorable.
 *
 * Vanilla JavaScript and Canvas 2D; no framework, nothing fetched from another host. Each
 * <div class="nnexplain-explorable" data-manifest="..."> becomes a player: play/pause, a scrub
 * slider over the stages, step buttons and arrow keys, dials (radio groups) that fetch and show
 * their variant, drag/touch to turn a 3D stage, hover/tap a point to follow it in every stage,
 * and a strip of per-unit heat-maps. Three kinds of stage: points (with grid lines, fields and
 * unit maps), histograms (one panel each, axes fixed over the stages) and small images with
 * captions. The state is mirrored in data-* attributes of the element (data-stage, data-variant,
 * data-kind, data-playing, data-highlight, data-yaw) for tests and styling.
 */
(function () {
  "use strict";

  var SELECTOR = ".nnexplain-explorable";
  // The format (checks, decoding, the clock) lives in explorable-format.js, loaded first.
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

  function hexRgb(hex) {
    var v = parseInt(hex.replace("#", ""), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }


  /* A grayscale image (row 0 at the top) on a canvas of its own size: "gray" black to white,
   * "gray_r" white to black, "signed" the palette's negative colour below zero, white at zero,
   * its positive colour above. */
  function imageCanvas(im, cmap, signed) {
    var rows = im.shape[0], cols = im.shape[1], d = im.data, lo = Infinity, hi = -Infinity;
    for (var i = 0; i < d.length; i++) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
    var big = Math.max(Math.abs(lo), Math.abs(hi), 1e-12), span = hi - lo || 1;
    var c = h("canvas", { width: cols, height: rows }), ctx = c.getContext("2d");
    var img = ctx.createImageData(cols, rows);
    for (var k = 0; k < d.length; k++) {
      var o = 4 * k;
      if (cmap === "signed") {
        var s = d[k] / big, to = s < 0 ? signed.neg : signed.pos, a = Math.min(1, Math.abs(s));
        for (var q = 0; q < 3; q++) img.data[o + q] = 255 + (to[q] - 255) * a;
      } else {
        var g = 255 * (d[k] - lo) / span;
        if (cmap === "gray_r") g = 255 - g;
        img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
      }
      img.data[o + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return c;
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
      return self.select(0);
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
    this.signed = { neg: hexRgb(m.palette.signed.negative), pos: hexRgb(m.palette.signed.positive) };
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
    // Dials: one radio group per dial, with a visible legend.
    this.dialInputs = {};
    Object.keys(m.dials).forEach(function (name, d) {
      var group = h("fieldset", { class: "nx-dial", role: "radiogroup" }, [h("legend", { text: name })]);
      m.dials[name].forEach(function (value, j) {
        var input = h("input", { type: "radio", name: self.id + "-d" + d, value: value });
        if (j === 0) input.checked = true;
        input.addEventListener("change", function () { self.onDial(); });
        group.appendChild(h("label", {}, [input, document.createTextNode(" " + value)]));
      });
      self.dialInputs[name] = group;
      ui.appendChild(group);
    });
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
    ui.appendChild(h("div", { class: "nx-controls" }, [this.playButton, prev, this.slider, next, this.ticks]));
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
    if (e.target && e.target.type === "radio") return; // radio groups keep their own arrows
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
    Object.keys(this.dialInputs).forEach(function (name) {
      key[name] = self.dialInputs[name].querySelector("input:checked").value;
    });
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
      self.prepare(v);
      self.cache[index] = v;
      return v;
    });
  };

  /* Bounds of each stage (points, else lines), and work arrays for the frame. Each stage is
   * framed on its own and the frame eases between stages, so the data always fill the view. */
  Player.prototype.prepare = function (v) {
    if (v.kind === "histograms") return this.prepareHistograms(v);
    if (v.kind === "images") return this.prepareImages(v);
    var dims = v.dims, src = (v.points[0].data.length ? v.points : v.lines) || v.points;
    v.bounds = src.map(function (a) {
      var lo = [Infinity, Infinity, 0], hi = [-Infinity, -Infinity, 0];
      if (dims === 3) { lo[2] = Infinity; hi[2] = -Infinity; }
      for (var i = 0; i < a.data.length; i += dims) {
        for (var k = 0; k < dims; k++) {
          var x = a.data[i + k];
          if (x < lo[k]) lo[k] = x;
          if (x > hi[k]) hi[k] = x;
        }
      }
      return [lo, hi];
    });
    this.frameAt(v, 0);
    var n = v.points[0].data.length / dims;
    v.sx = new Float32Array(n); v.sy = new Float32Array(n);
    if (v.lines) {
      var m = v.lines[0].data.length / dims;
      v.lx = new Float32Array(m); v.ly = new Float32Array(m);
    }
    if (v.fields) {
      var shape = v.fields[0].shape;
      v.fieldCanvas = h("canvas", { width: shape[1], height: shape[0] });
      v.fieldMix = new Float32Array(shape[0] * shape[1]);
      v.fieldAt = -1;
    }
  };

  /* The view at stage position t: bounds, centre and radius eased between two stages. */
  Player.prototype.frameAt = function (v, t) {
    var i = Math.floor(t), s = this.ease(t - i), a = v.bounds[i], b = v.bounds[Math.min(i + 1, v.bounds.length - 1)];
    var mix = function (p, q) { return [0, 1, 2].map(function (k) { return p[k] + (q[k] - p[k]) * s; }); };
    var lo = mix(a[0], b[0]), hi = mix(a[1], b[1]);
    v.lo = lo; v.hi = hi;
    v.centre = [0, 1, 2].map(function (k) { return 0.5 * (lo[k] + hi[k]); });
    v.radius = Math.max(1e-9, 0.5 * Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]));
  };

  /* Histograms: per panel, the x range and the tallest bar over every stage (fixed axes). */
  Player.prototype.prepareHistograms = function (v) {
    var panels = v.entry.panels.length, bins = v.counts[0].shape[1];
    v.hist = v.entry.panels.map(function (name, p) {
      var lo = Infinity, hi = -Infinity, top = 1e-12;
      v.edges.forEach(function (e) {
        lo = Math.min(lo, e.data[p * (bins + 1)]);
        hi = Math.max(hi, e.data[p * (bins + 1) + bins]);
      });
      v.counts.forEach(function (c) {
        for (var k = 0; k < bins; k++) top = Math.max(top, c.data[p * bins + k]);
      });
      return { name: name, lo: lo, hi: hi, top: top };
    });
    v.bins = bins;
    v.panels = panels;
    v.sx = new Float32Array(0); v.sy = new Float32Array(0);
  };

  /* Images: one small canvas per image and stage, in its colour map. */
  Player.prototype.prepareImages = function (v) {
    var cmaps = v.entry.cmaps, signed = this.signed;
    v.pictures = v.images.map(function (stage) {
      return stage.map(function (im, j) { return imageCanvas(im, cmaps[j], signed); });
    });
    v.sx = new Float32Array(0); v.sy = new Float32Array(0);
  };

  /* The field (probability of class 1) at stage position t, blended between two stages, as an
   * image: class 0 colour, white at 0.5, class 1 colour. */
  Player.prototype.fieldImage = function (v, t) {
    var i = Math.floor(t), s = this.ease(t - i), a = v.fields[i].data;
    var b = v.fields[Math.min(i + 1, v.fields.length - 1)].data, mix = v.fieldMix;
    if (v.fieldAt === t) return v.fieldCanvas;
    v.fieldAt = t;
    for (var q = 0; q < mix.length; q++) mix[q] = a[q] + (b[q] - a[q]) * s;
    var f = { data: mix, shape: v.fields[0].shape };
    var rows = f.shape[0], cols = f.shape[1];
    var c = v.fieldCanvas, ctx = c.getContext("2d");
    var img = ctx.createImageData(cols, rows);
    var c0 = hexRgb(this.colors[0]), c1 = hexRgb(this.colors[1] || this.colors[0]);
    for (var r = 0; r < rows; r++) {
      for (var j = 0; j < cols; j++) {
        var p = f.data[r * cols + j], to = p < 0.5 ? c0 : c1, s = Math.abs(p - 0.5) * 2;
        var o = 4 * ((rows - 1 - r) * cols + j); // rows run from ymin up; images from the top
        for (var k = 0; k < 3; k++) img.data[o + k] = 255 + (to[k] - 255) * s;
        img.data[o + 3] = 90;
      }
    }
    ctx.putImageData(img, 0, 0);
    return c;
  };

  Player.prototype.select = function (index) {
    var self = this;
    this.root.setAttribute("data-loading", "true");
    return this.load(index).then(function (v) {
      self.variantIndex = index;
      self.v = v;
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
      self.hint.textContent = v.kind !== "points" ? steps :
        (v.dims === 3 ? "Drag the figure (or Shift + arrow keys) to turn it. " : "") +
        "Point at a dot to follow it through every stage. " + steps;
      self.root.setAttribute("data-kind", v.kind);
      self.root.classList.toggle("nx-3d", v.kind === "points" && v.dims === 3);
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

  Player.prototype.buildUnits = function () {
    var v = this.v, e = v.entry, self = this;
    if (!v.units) { this.units.replaceChildren(); return; }
    var items = v.units.map(function (u, i) {
      var rows = u.shape[0], cols = u.shape[1], c = h("canvas", { width: cols, height: rows, role: "img",
        "aria-label": e.unit_labels[i] + " over the input plane" });
      var ctx = c.getContext("2d"), img = ctx.createImageData(cols, rows);
      var isOutput = i === v.units.length - 1 && e.unit_labels[i] === "output";
      var max = 1e-9;
      for (var k = 0; k < u.data.length; k++) max = Math.max(max, Math.abs(u.data[k]));
      var neg = isOutput ? hexRgb(self.colors[0]) : self.signed.neg;
      var pos = isOutput ? hexRgb(self.colors[1] || self.colors[0]) : self.signed.pos;
      for (var r = 0; r < rows; r++) {
        for (var j = 0; j < cols; j++) {
          var val = u.data[r * cols + j];
          var s = isOutput ? 2 * (val - 0.5) : val / max, to = s < 0 ? neg : pos, a = Math.min(1, Math.abs(s));
          var o = 4 * ((rows - 1 - r) * cols + j);
          for (var q = 0; q < 3; q++) img.data[o + q] = 255 + (to[q] - 255) * a;
          img.data[o + 3] = 255;
        }
      }
      ctx.putImageData(img, 0, 0);
      return h("figure", { class: "nx-unit" }, [c, h("figcaption", { text: e.unit_labels[i] })]);
    });
    this.units.replaceChildren.apply(this.units, items);
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
    var v = this.v;
    if (v.kind === "histograms") return Math.min(width * 0.45, 340);
    if (v.kind === "images") {
      var g = this.imageGrid(width, v.pictures[0].length);
      return g.rows * (g.cell + 22) + 4;
    }
    return Math.min(width * 0.7, 500);
  };

  /* Columns, rows and cell size (CSS px) of n images in a canvas of the given width. */
  Player.prototype.imageGrid = function (width, n) {
    var cols = Math.max(1, Math.min(n, Math.floor(width / 110)));
    var cell = Math.min(160, Math.floor(width / cols) - 12);
    return { cols: cols, rows: Math.ceil(n / cols), cell: cell };
  };

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

  /* Screen position of coordinate i of array a (stage s) blended with stage s + 1. */
  Player.prototype.project = function (arrays, t, outX, outY, w, hgt, scale) {
    var v = this.v, dims = v.dims, i = Math.floor(t), s = this.ease(t - i);
    var a = arrays[i].data, b = arrays[Math.min(i + 1, arrays.length - 1)].data;
    var c = v.centre, cx = w / 2, cy = hgt / 2, n = outX.length;
    if (dims === 2) {
      for (var p = 0, o = 0; p < n; p++, o += 2) {
        var x = a[o] + (b[o] - a[o]) * s, y = a[o + 1] + (b[o + 1] - a[o + 1]) * s;
        outX[p] = cx + (x - c[0]) * scale;
        outY[p] = cy - (y - c[1]) * scale;
      }
      return;
    }
    var cyw = Math.cos(this.yaw), syw = Math.sin(this.yaw), cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    for (var q = 0, k = 0; q < n; q++, k += 3) {
      var X = a[k] + (b[k] - a[k]) * s - c[0], Y = a[k + 1] + (b[k + 1] - a[k + 1]) * s - c[1];
      var Z = a[k + 2] + (b[k + 2] - a[k + 2]) * s - c[2];
      var u = X * cyw - Y * syw, depth = X * syw + Y * cyw;
      outX[q] = cx + u * scale;
      outY[q] = cy - (Z * cp + depth * sp) * scale;
    }
  };

  Player.prototype.scaleFor = function (w, hgt) {
    var v = this.v, r = v.radius;
    if (v.dims === 3) return 0.5 * Math.min(w, hgt) / (r * 1.5);
    var sx = (v.hi[0] - v.lo[0]) || 1e-9, sy = (v.hi[1] - v.lo[1]) || 1e-9;
    return 0.92 * Math.min(w / sx, hgt / sy);
  };

  /* Draw stage position t on ctx (w x hgt CSS pixels); screen coordinates land in v.sx, v.sy. */
  Player.prototype.render = function (ctx, t, w, hgt, radius, sx, sy, lineWidth) {
    var v = this.v;
    if (v.kind === "histograms") return this.renderHistograms(ctx, t, w, hgt, lineWidth > 0.5);
    if (v.kind === "images") return this.renderImages(ctx, t, w, hgt, lineWidth > 0.5);
    this.frameAt(v, t);
    var scale = this.scaleFor(w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    if (v.fields && v.dims === 2) {
      var e = v.entry.field_extent, c = v.centre;
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.fieldImage(v, t), w / 2 + (e[0] - c[0]) * scale, hgt / 2 - (e[3] - c[1]) * scale,
        (e[1] - e[0]) * scale, (e[3] - e[2]) * scale);
    }
    if (v.dims === 3) this.drawBox(ctx, w, hgt, scale);
    if (v.lines) {
      var shape = v.lines[0].shape, per = shape[1];
      this.project(v.lines, t, v.lx, v.ly, w, hgt, scale);
      ctx.beginPath();
      for (var l = 0; l < shape[0]; l++) {
        var o = l * per;
        ctx.moveTo(v.lx[o], v.ly[o]);
        for (var k = 1; k < per; k++) ctx.lineTo(v.lx[o + k], v.ly[o + k]);
      }
      ctx.strokeStyle = this.gridColor;
      ctx.lineWidth = lineWidth;
      ctx.stroke();
    }
    this.project(v.points, t, sx, sy, w, hgt, scale);
    var y = this.y, n = sx.length, square = n > 800, d = 2 * radius * 0.9;
    for (var cls = 0; cls < this.colors.length; cls++) {
      ctx.beginPath();
      for (var p = 0; p < n; p++) {
        if (y[p] !== cls) continue;
        if (square) { ctx.rect(sx[p] - 0.5 * d, sy[p] - 0.5 * d, d, d); continue; } // 3x faster
        ctx.moveTo(sx[p] + radius, sy[p]);
        ctx.arc(sx[p], sy[p], radius, 0, 6.2832);
      }
      ctx.fillStyle = this.colors[cls];
      ctx.fill();
    }
    if (this.highlight >= 0 && this.highlight < n) {
      var hx = sx[this.highlight], hy = sy[this.highlight];
      ctx.beginPath();
      ctx.arc(hx, hy, radius + 5, 0, 6.2832);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = this.fg;
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(hx, hy, radius + 1.5, 0, 6.2832);
      ctx.fillStyle = this.colors[y[this.highlight]];
      ctx.fill();
    }
  };

  /* Histograms at stage position t (bars eased between stages), one panel each. */
  Player.prototype.renderHistograms = function (ctx, t, w, hgt, text) {
    var v = this.v, i = Math.floor(t), s = this.ease(t - i), j = Math.min(i + 1, this.n - 1);
    var bins = v.bins, pad = text ? 16 : 3, top = text ? 20 : 3, gap = text ? 18 : 4;
    var pw = (w - gap * (v.panels - 1)) / v.panels, base = hgt - pad;
    ctx.clearRect(0, 0, w, hgt);
    ctx.font = "12px sans-serif";
    for (var p = 0; p < v.panels; p++) {
      var info = v.hist[p], x0 = p * (pw + gap), sxs = pw / (info.hi - info.lo || 1);
      var syy = (base - top) / info.top, ca = v.counts[i].data, cb = v.counts[j].data;
      var ea = v.edges[i].data, eb = v.edges[j].data, o = p * (bins + 1);
      ctx.beginPath();
      for (var k = 0; k < bins; k++) {
        var c = ca[p * bins + k] + (cb[p * bins + k] - ca[p * bins + k]) * s;
        var left = ea[o + k] + (eb[o + k] - ea[o + k]) * s, right = ea[o + k + 1] + (eb[o + k + 1] - ea[o + k + 1]) * s;
        var x = x0 + (left - info.lo) * sxs, bw = (right - left) * sxs, bh = Math.max(0, c) * syy;
        ctx.rect(x, base - bh, Math.max(bw - (bw > 3 ? 0.5 : 0), 0.5), bh);
      }
      ctx.fillStyle = this.palette.neutral.bars;
      ctx.globalAlpha = 0.85;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.beginPath();
      ctx.moveTo(x0, base + 0.5); ctx.lineTo(x0 + pw, base + 0.5);
      ctx.strokeStyle = this.gridColor; ctx.lineWidth = 1; ctx.stroke();
      if (!text) continue;
      ctx.fillStyle = this.fg;
      ctx.textAlign = "center"; ctx.fillText(info.name, x0 + pw / 2, 13);
      ctx.textAlign = "left"; ctx.fillText(fmt(info.lo), x0, hgt - 2);
      ctx.textAlign = "right"; ctx.fillText(fmt(info.hi), x0 + pw, hgt - 2);
      if (info.lo < 0 && info.hi > 0) {
        var zx = x0 + (0 - info.lo) * sxs;
        ctx.textAlign = "center"; ctx.fillText("0", zx, hgt - 2);
      }
    }
    ctx.textAlign = "start";
  };

  /* The images of the nearest stage, each with its caption underneath. */
  Player.prototype.renderImages = function (ctx, t, w, hgt, text) {
    var v = this.v, i = Math.round(t), pics = v.pictures[i], caps = v.entry.captions[i];
    ctx.clearRect(0, 0, w, hgt);
    var g = text ? this.imageGrid(w, pics.length) : { cols: pics.length, rows: 1, cell: Math.min(hgt - 4, w / pics.length - 4) };
    var cw = Math.min(w / g.cols, g.cell + 60), ch = text ? g.cell + 22 : hgt, left = (w - cw * g.cols) / 2;
    ctx.imageSmoothingEnabled = false;
    ctx.font = "12px sans-serif";
    ctx.textAlign = "center";
    ctx.fillStyle = this.fg;
    pics.forEach(function (pic, k) {
      var cx = left + (k % g.cols) * cw + cw / 2, y = Math.floor(k / g.cols) * ch + 2;
      var iw = g.cell * Math.min(1, pic.width / pic.height), ih = g.cell * Math.min(1, pic.height / pic.width);
      ctx.drawImage(pic, cx - iw / 2, y, iw, ih);
      if (text) ctx.fillText(caps[k], cx, y + g.cell + 15, cw - 4);
    });
    ctx.textAlign = "start";
    ctx.imageSmoothingEnabled = true;
  };

  function fmt(x) { return Math.abs(x) >= 100 || x === Math.round(x) ? String(Math.round(x)) : x.toPrecision(2); }

  /* The edges of the data's bounding cube, for a sense of which way is up. */
  Player.prototype.drawBox = function (ctx, w, hgt, scale) {
    var v = this.v, lo = v.lo, hi = v.hi, corners = [];
    for (var k = 0; k < 8; k++) corners.push([k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]]);
    var flat = { data: new Float32Array([].concat.apply([], corners)) };
    var X = new Float32Array(8), Y = new Float32Array(8);
    this.project([flat, flat], 0, X, Y, w, hgt, scale);
    ctx.beginPath();
    for (var a = 0; a < 8; a++) {
      for (var b = 0; b < 3; b++) {
        var c = a | (1 << b);
        if (c !== a) { ctx.moveTo(X[a], Y[a]); ctx.lineTo(X[c], Y[c]); }
      }
    }
    ctx.strokeStyle = this.gridColor;
    ctx.lineWidth = 0.6;
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
  };

  Player.prototype.draw = function () {
    if (!this.v || !this.canvas.width) return;
    var ctx = this.canvas.getContext("2d"), r = this.ratio;
    ctx.setTransform(r, 0, 0, r, 0, 0);
    var w = this.canvas.width / r, hgt = this.canvas.height / r;
    var radius = this.y.length > 1000 ? 1.6 : 2.3;
    this.render(ctx, this.t, w, hgt, radius, this.v.sx, this.v.sy, 0.8);
    var i = Math.round(this.t), label = this.v.labels[i];
    this.label.textContent = this.n > 1 ? label + "  (" + (i + 1) + " / " + this.n + ")" : label;
    var what = this.v.kind === "images" ? ": " + this.v.entry.captions[i].join(", ") : "";
    this.canvas.setAttribute("aria-label", (this.manifest.alt || "") + " Showing " + label + what + ".");
    this.slider.value = String(this.t);
    this.slider.setAttribute("aria-valuetext", label);
    this.root.setAttribute("data-stage", String(i));
    this.root.setAttribute("data-stage-label", label);
    this.root.setAttribute("data-t", this.t.toFixed(2));
    this.root.setAttribute("data-yaw", this.yaw.toFixed(3));
    (this.thumbs || []).forEach(function (b, k) { b.setAttribute("aria-current", k === i ? "step" : "false"); });
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
