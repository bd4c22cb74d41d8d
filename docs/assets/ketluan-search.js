/* ketluan: what a search result opens.
 *
 * - A task of the full text is a search result of its own, at toan-van/?nv=<anchor>
 *   (see ketluan/outputs/search.py): go to that task, as an anchor would.
 * - Material marks the words of the query on the page it opens (?h=...), but only as
 *   typed: "giai ngan" would mark nothing in "giải ngân". The words of the page whose
 *   folded form begins with a word typed without diacritics are marked too, the same
 *   way; the words Material can match itself are left to it.
 *
 * - A long full text is on several pages (ketluan/render/text_parts.py). Its first
 *   page keeps the anchor of every task on the others, naming the page that holds it:
 *   a link made before the text was cut, or by a later version, goes on there.
 *
 * - Material's search dialog gets a name for screen readers.
 *
 * - A query is cut to its first MAX_TERMS words, MAX_QUERY characters in all, before
 *   Material reads it (on keyup; we listen on window, in the capture phase, so first):
 *   lunr expands each wildcard over the whole index, and a pasted query of a thousand
 *   "a*" held the reader's own tab for 35 s. No real query is that long.
 *
 * - A key released in the search box reaches Material once typing pauses (QUIET).
 *
 * Our own script, loaded from the site itself. Without JavaScript there is no search.
 */
(function () {
  "use strict";

  var MARKS = /(?<=[A-Za-z])[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b]+/g;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;

  // Must agree with ketluan/text/vietnamese.py's fold and the lunr language file's.
  function fold(word) {
    return word.normalize("NFD").replace(MARKS, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
  }

  var MAX_TERMS = 10;
  var MAX_QUERY = 200;

  function capQuery(event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("md-search__input"))
      return;
    var terms = box.value.split(/\s+/).filter(Boolean);
    if (terms.length <= MAX_TERMS && box.value.length <= MAX_QUERY)
      return;
    box.value = terms.slice(0, MAX_TERMS).join(" ").slice(0, MAX_QUERY);
  }
  window.addEventListener("input", capQuery, true);
  window.addEventListener("keyup", capQuery, true);

  /*
   * Material asks its search worker at each key released in the box, and the worker
   * answers every question in turn: a long name typed quickly waited for the answers to
   * each of its prefixes (#28: 0.9 s at 4× a province). A key released in the box
   * reaches Material once the typing pauses for QUIET ms, so the worker is asked for
   * what was typed, not for each letter on the way.
   */
  var QUIET = 100;
  var settling = null;
  function settle(event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("md-search__input"))
      return;
    if (event.ketluanSettled)
      return;
    event.stopImmediatePropagation();
    clearTimeout(settling);
    settling = setTimeout(function () {
      var settled = new KeyboardEvent("keyup", { bubbles: true });
      settled.ketluanSettled = true;
      box.dispatchEvent(settled);
    }, QUIET);
  }
  window.addEventListener("keyup", settle, true);

  function goToTask(url) {
    var anchor = url.searchParams.get("nv");
    if (anchor && !url.hash && document.getElementById(anchor))
      location.replace("#" + anchor);
  }

  function sendOn() {
    var id = location.hash.slice(1);  // task anchors are ASCII: nothing to decode
    var holder = id ? document.getElementById(id) : null;
    var there = holder ? holder.getAttribute("data-kl-moved") : null;
    if (there)
      location.replace(new URL(there, location.href).href);
  }
  window.addEventListener("hashchange", sendOn);

  function markFolded(url) {
    var typed = (url.searchParams.get("h") || "").toLowerCase().split(/\s+/)
      .filter(function (term) { return term && term === fold(term); });
    var content = document.querySelector(".md-content article");
    if (!typed.length || !content)
      return;
    var found = function (word) {
      var folded = fold(word.toLowerCase());
      return folded !== word.toLowerCase() && typed.some(function (term) {
        return folded.indexOf(term) === 0;
      });
    };
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode())
      if (!node.parentElement.closest("mark, script, style, .kl-sr"))
        nodes.push(node);
    nodes.forEach(function (text) {
      var value = text.nodeValue, last = 0, parts = [], match;
      WORD.lastIndex = 0;
      while ((match = WORD.exec(value)) !== null) {
        if (!found(match[0]))
          continue;
        parts.push(document.createTextNode(value.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match[0];
        parts.push(mark);
        last = match.index + match[0].length;
      }
      if (!parts.length)
        return;
      parts.push(document.createTextNode(value.slice(last)));
      text.replaceWith.apply(text, parts);
    });
  }

  // Material's search box is a dialog without a name (axe: aria-dialog-name).
  function nameTheDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label"))
      dialog.setAttribute("aria-label", "Tìm kiếm");
  }

  function run() {
    nameTheDialog();
    var box = document.querySelector("input.md-search__input");
    if (box) {
      box.maxLength = MAX_QUERY;
      capQuery({ target: box });  // a query given in the address (?q=)
    }
    var url = new URL(location.href);
    goToTask(url);
    sendOn();
    markFolded(url);
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", run);
  else
    run();
})();
