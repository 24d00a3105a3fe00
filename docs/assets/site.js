// Small fixes to parts of Material that its JavaScript builds at run time
// (so no template override can reach them). Standard Material otherwise.
//
// 1. Each code block's toolbar is a <nav> landmark without a name; axe
//    (landmark-unique) wants landmarks told apart: "Code block 3 tools".
// 2. Annotation markers are links with no text; axe (link-name) wants a name:
//    "Annotation 1".
// 3. The copy button copies the code without the annotation markers, but keeps
//    the spaces that stood before "# (1)!": copy without trailing spaces.
// 4. Instead of copied templates (tests/site/test_overrides.py): a name for the
//    search dialog, no role on the decorative progress bar (axe).
// 5. "Copy page" (overrides/main.html) copies the page's Markdown copy.
(function () {
  "use strict";

  var search = document.querySelector(".md-search");
  if (search) search.setAttribute("aria-label", "Search");
  var progress = document.querySelector(".md-progress");
  if (progress) progress.removeAttribute("role");

  // Material builds code toolbars and annotation markers as each block comes
  // into view (content.lazy). Only the page's content is watched (Material
  // swaps it on instant navigation: document$ says when), and the labels are
  // only looked for when an added element is, or holds, one of those.
  var BUILT = "nav.md-code__nav, a.md-annotation__index";

  function label(content) {
    content.querySelectorAll("nav.md-code__nav").forEach(function (nav, index) {
      var text = "Code block " + (index + 1) + " tools";
      if (nav.getAttribute("aria-label") !== text) nav.setAttribute("aria-label", text);
    });
    content.querySelectorAll("a.md-annotation__index:not([aria-label])").forEach(function (link) {
      var marker = link.querySelector("[data-md-annotation-id]");
      var id = marker ? marker.getAttribute("data-md-annotation-id") : "";
      link.setAttribute("aria-label", "Annotation " + id);
    });
  }

  function built(records) {
    return records.some(function (record) {
      return Array.prototype.some.call(record.addedNodes, function (node) {
        return node instanceof Element && (node.matches(BUILT) || node.querySelector(BUILT) !== null);
      });
    });
  }

  var watched = null;
  var observer = new MutationObserver(function (records) {
    if (watched && built(records)) label(watched);
  });

  function watch() {
    observer.disconnect();
    watched = document.querySelector(".md-content") || document.body;
    observer.observe(watched, { childList: true, subtree: true });
    label(watched);
  }

  if (window.document$) window.document$.subscribe(watch);
  else watch();

  // Capture phase: runs before Material's copy handler, which takes the text
  // from the closest [data-copy] attribute when there is one.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".md-code__button[data-md-type='copy']");
    var code = button && document.querySelector(button.getAttribute("data-clipboard-target"));
    if (!code) return;
    code.setAttribute("data-md-copying", "");
    var text = code.innerText;
    code.removeAttribute("data-md-copying");
    code.setAttribute("data-copy", text.split("\n").map(function (line) {
      return line.replace(/\s+$/, "");
    }).join("\n").replace(/\s+$/, ""));
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-copy-page]");
    if (!button) return;
    fetch(button.getAttribute("data-copy-page"))
      .then(function (response) { return response.text(); })
      .then(function (text) { return navigator.clipboard.writeText(text); })
      .then(function () { button.setAttribute("data-copied", ""); button.title = "Copied"; },
            function () { button.removeAttribute("data-copied"); });
  });
})();
