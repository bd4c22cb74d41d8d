/* ketluan: the version button says which quarter is shown.
 *
 * Material labels its version button "Chọn phiên bản" for screen readers, which hides
 * the quarter written on it ("Quý II/2026"). Once Material has drawn the button (after
 * reading versions.json), its label names the quarter and what the button does.
 */
(function () {
  "use strict";

  function label() {
    var button = document.querySelector(".md-version__current");
    if (!button)
      return false;
    var quarter = button.textContent.trim();
    if (quarter)
      button.setAttribute("aria-label", "Đang xem " + quarter + " — chọn quý khác");
    return true;
  }

  function watch() {
    if (label())
      return;
    var observer = new MutationObserver(function () {
      if (label())
        observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", watch);
  else
    watch();
})();
