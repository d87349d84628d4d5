/* nnexplain explorable format: reads what nnexplain.explorable writes, and the player's clock.
 *
 * No drawing and no page: the same file runs in the browser (window.nnexplainFormat, loaded
 * before the kind files and explorable.js) and under node (module.exports), where tests/js/
 * checks it against files and numbers written by the Python side (the spec is
 * docs/contributing/explorable-format.md):
 *
 * - checkManifest, checkBlob (length and CRC-32) and DataError: refuse what cannot be drawn;
 * - classColor and hexRgb: the colours of the manifest's palette (the player has none of its own);
 * - decode and readVariant: dequantise every array of a variant (value = offset + code * scale);
 * - registerKind, kindOf: the kinds of variant, registered by their files (explorable-<kind>.js);
 * - ease and stageAt: where the player is, ms after it started, from the manifest's timing
 *   (nnexplain.frames.player_position computes the same in Python).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.nnexplainFormat = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* The data format this player reads (nnexplain.explorable.FORMAT and VERSION). */
  var FORMAT = "nnexplain-explorable", VERSION = 5;

  /* A figure whose data cannot be read: the reason, in words a reader can act on. */
  function DataError(message) { this.name = "DataError"; this.message = message; }
  DataError.prototype = Object.create(Error.prototype);
  DataError.prototype.constructor = DataError;

  /* Refuse a manifest this player cannot draw, before anything is built from it. */
  function checkManifest(m) {
    if (!m || typeof m !== "object" || m.format !== FORMAT) {
      throw new DataError("the manifest is not an nnexplain explorable (format " +
        JSON.stringify(m && m.format) + ", expected " + JSON.stringify(FORMAT) + ")");
    }
    if (m.version !== VERSION) {
      throw new DataError("the manifest is format version " + JSON.stringify(m.version) +
        "; this page's player reads version " + VERSION);
    }
    if (!Array.isArray(m.variants) || !m.variants.length || !m.dials || typeof m.dials !== "object") {
      throw new DataError("the manifest lists no variant to draw");
    }
    var t = m.timing;
    if (!t || !(t.hold_ms >= 0) || !(t.move_ms > 0) || !EASINGS[t.easing]) {
      throw new DataError("the manifest's timing is missing or unknown");
    }
    if (m.default !== undefined && !(Number.isInteger(m.default) && m.default >= 0 && m.default < m.variants.length)) {
      throw new DataError("the manifest's default variant " + JSON.stringify(m.default) + " is not one of its " +
        m.variants.length + " variants");
    }
    checkPalette(m.palette);
    m.variants.forEach(kindOf);
  }

  /* The values of a dial as numbers when it is a quantity (three or more values, each a plain
   * number, in order): the player draws such a dial as a slider. Otherwise null. */
  function numericDial(values) {
    if (!Array.isArray(values) || values.length < 3) return null;
    var numbers = values.map(function (v) { return /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(v) ? parseFloat(v) : NaN; });
    if (!numbers.every(isFinite)) return null;
    var up = numbers.every(function (x, i) { return i === 0 || x > numbers[i - 1]; });
    var down = numbers.every(function (x, i) { return i === 0 || x < numbers[i - 1]; });
    return up || down ? numbers : null;
  }

  var HEX = /^#[0-9a-f]{6}$/i;

  /* The manifest's palette (nnexplain.palette.as_dict()): the only colours the player draws with. */
  function checkPalette(p) {
    var ok = p && Array.isArray(p.classes) && p.classes.length > 0 && p.signed && p.neutral &&
      Array.isArray(p.probability) && p.probability.length === 3;
    var named = ok && [p.signed.negative, p.signed.zero, p.signed.positive, p.neutral.ink,
      p.neutral.grid, p.neutral.bars, p.neutral.input_grid];
    if (!ok || !p.classes.concat(p.probability, named).every(function (c) { return HEX.test(c); })) {
      throw new DataError("the manifest lists no colours to draw with");
    }
  }

  /* The colour of class k: the palette's class colours, then ink (as nnexplain.palette.class_color). */
  function classColor(p, k) {
    return k < p.classes.length ? p.classes[k] : p.neutral.ink;
  }

  /* "#rrggbb" as [r, g, b], 0 to 255. */
  function hexRgb(hex) {
    var v = parseInt(hex.replace("#", ""), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  var CRC_TABLE = null;

  /* CRC-32 (zlib's, as Python's zlib.crc32) of the bytes of an ArrayBuffer. */
  function crc32(buffer) {
    if (!CRC_TABLE) {
      CRC_TABLE = new Uint32Array(256);
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        CRC_TABLE[n] = c >>> 0;
      }
    }
    var bytes = new Uint8Array(buffer), crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* Refuse a data file cut short or changed since the manifest was written. */
  function checkBlob(buffer, entry) {
    if (buffer.byteLength !== entry.bytes) {
      throw new DataError(entry.file + " has " + buffer.byteLength + " bytes; the manifest says " +
        entry.bytes + " (a file cut short or from another build)");
    }
    if (entry.crc32 !== undefined && crc32(buffer) !== entry.crc32) {
      throw new DataError(entry.file + " is corrupt (its checksum does not match the manifest)");
    }
  }

  /* Dequantise one array described by the manifest: value = offset_value + code * scale. */
  function decode(buffer, meta) {
    var n = meta.shape.reduce(function (a, b) { return a * b; }, 1);
    var codes = meta.dtype === "int16"
      ? new Int16Array(buffer, meta.offset, n)
      : new Uint8Array(buffer, meta.offset, n);
    var out = new Float32Array(n);
    for (var i = 0; i < n; i++) out[i] = meta.offset_value + codes[i] * meta.scale;
    return { data: out, shape: meta.shape };
  }

  /* The kinds this page draws, name -> functions, each registered by its explorable-<kind>.js.
   * read(buffer, entry) returns the entry's arrays, decoded. The player P calls the others with
   * itself and the variant v: prepare(P, v) once (sets v.sx, v.sy: where the points are drawn,
   * for hover); height(P, v, width) in CSS px; render(P, v, ctx, t, w, hgt, radius, sx, sy,
   * lineWidth) draws stage position t (lineWidth 0.4 on a thumbnail, 0.8 on the figure);
   * describe(P, v, i): words after stage i's label for screen readers; hint(P, v): what the
   * pointer does; optional units(P, v): the elements under the figure. P.el(tag, attrs,
   * children) makes an element; P.n, P.ease, P.y, P.colors, P.palette, P.signed, P.fg,
   * P.gridColor, P.yaw, P.pitch and P.highlight are the player's state. */
  var KIND_FUNCTIONS = ["read", "prepare", "height", "render", "describe", "hint"];
  var kinds = {};

  function registerKind(name, kind) {
    KIND_FUNCTIONS.forEach(function (f) {
      if (typeof kind[f] !== "function") throw new TypeError("explorable kind " + name + " has no " + f);
    });
    kinds[name] = kind;
    return kind;
  }

  /* The functions of a variant's kind, or a DataError naming a kind this page cannot draw. */
  function kindOf(entry) {
    var name = entry.kind || "points";
    if (!Object.prototype.hasOwnProperty.call(kinds, name)) {
      throw new DataError(entry.file + " holds a variant of kind " + JSON.stringify(name) +
        "; this page's player draws " + (Object.keys(kinds).join(", ") || "no kind"));
    }
    return kinds[name];
  }

  /* Every array of one variant, checked and dequantised by its kind's read. */
  function readVariant(buffer, entry) {
    checkBlob(buffer, entry);
    var arrays = kindOf(entry).read(buffer, entry);
    var v = { entry: entry, kind: entry.kind || "points", labels: entry.labels };
    Object.keys(arrays).forEach(function (k) { v[k] = arrays[k]; });
    return v;
  }

  /* Each array record of entry[name] decoded (null when the variant has none). */
  function decodeAll(buffer, entry, name) {
    return entry[name] ? entry[name].map(function (meta) { return decode(buffer, meta); }) : null;
  }

  /* How far along a move the points are at s in [0, 1] (nnexplain.frames.EASINGS). */
  var EASINGS = {
    linear: function (s) { return s; },
    ease_in_out: function (s) { return s * s * (3 - 2 * s); },
    cosine: function (s) { return 0.5 - 0.5 * Math.cos(Math.PI * s); },
  };

  function ease(s, kind) { return EASINGS[kind](s); }

  /* The stage position (stage i plus how far into the move to i + 1, not eased) `elapsed` ms
   * after play started at stage `from` of `n`: each stage is held timing.hold_ms, then the
   * points move for timing.move_ms. At the last stage the position stays at n - 1. */
  function stageAt(elapsed, from, n, timing) {
    var per = timing.hold_ms + timing.move_ms, seg = Math.floor(elapsed / per);
    var t = Math.floor(from) + seg + Math.max(0, (elapsed - seg * per - timing.hold_ms) / timing.move_ms);
    return Math.min(t, n - 1);
  }

  return {
    FORMAT: FORMAT, VERSION: VERSION, DataError: DataError, checkManifest: checkManifest,
    crc32: crc32, checkBlob: checkBlob, decode: decode, decodeAll: decodeAll, readVariant: readVariant,
    KIND_FUNCTIONS: KIND_FUNCTIONS, kinds: kinds, registerKind: registerKind, kindOf: kindOf, numericDial: numericDial,
    EASINGS: EASINGS, ease: ease, stageAt: stageAt, classColor: classColor, hexRgb: hexRgb,
  };
});
