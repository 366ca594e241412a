
(function () {
  "use strict";
  var root = document.documentElement;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#rows .r.x"));
  var controls = document.getElementById("controls");
  var fEqual = document.getElementById("f-equal");
  var fMinor = document.getElementById("f-minor");
  var vInline = document.getElementById("v-inline");
  controls.hidden = false;

  function apply() {
    root.classList.toggle("hide-equal", fEqual.checked);
    root.classList.toggle("hide-minor", fMinor.checked);
    root.classList.toggle("inline", vInline.checked);
  }
  controls.addEventListener("change", apply);
  apply();

  function openTo(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
  }
  function shown(el) {
    if (fMinor.checked && el.classList.contains("minor")) return false;
    var d = el.closest("details");
    return !(d && !d.open);
  }
  function focusRow(el) {
    openTo(el);
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }
  /* Index of the first change row at or after node (binary search in document order). */
  function locate(node) {
    var lo = 0, hi = rows.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid] === node || (rows[mid].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
  function focusedRow() {
    var a = document.activeElement;
    return a && a.closest ? a.closest(".r") : null;
  }
  function rowAtTop() {
    var bar = controls.getBoundingClientRect().bottom;
    var hit = document.elementFromPoint(Math.max(10, window.innerWidth / 2), Math.max(bar + 4, 4));
    return hit && hit.closest ? hit.closest(".r") : null;
  }
  var last = null; /* the row focused last, for the Previous/Next buttons (which take the focus) */
  document.addEventListener("focusin", function (e) {
    var r = e.target.closest ? e.target.closest(".r") : null;
    if (r) last = r;
  });
  /* From the focused row, else from the row at the top of the view, else from an end. */
  function step(dir) {
    if (!rows.length) return;
    var a = document.activeElement;
    var f = focusedRow() || (a && (a.id === "next" || a.id === "prev") ? last : null);
    var cur = f || rowAtTop(), i;
    if (!cur) {
      i = dir > 0 ? 0 : rows.length - 1;
    } else {
      var k = locate(cur);
      i = dir > 0 ? (f && rows[k] === f ? k + 1 : k) : k - 1;
    }
    for (; i >= 0 && i < rows.length; i += dir) {
      if (shown(rows[i])) { focusRow(rows[i]); return; }
    }
  }
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(SELECT|TEXTAREA)$/.test(t.tagName) ||
      (t.tagName === "INPUT" && t.type !== "checkbox" && t.type !== "radio"));
    if (typing) return;
    if (e.key === "n") { e.preventDefault(); step(1); }
    else if (e.key === "p") { e.preventDefault(); step(-1); }
  });

  function target(hash) {
    if (!hash || hash.length < 2) return null;
    try { return document.getElementById(decodeURIComponent(hash.slice(1))); } catch (err) { return null; }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    var el = target(a.getAttribute("href"));
    if (!el) return;
    openTo(el);
    if (el.classList.contains("r")) {
      e.preventDefault();
      if (history.pushState) history.pushState(null, "", "#" + el.id);
      focusRow(el);
    }
  });
  function onHash() {
    var el = target(location.hash);
    if (el) { openTo(el); if (el.classList.contains("r")) focusRow(el); }
  }
  window.addEventListener("hashchange", onHash);
  onHash();

  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();
