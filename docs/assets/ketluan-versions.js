/* ketluan: Material's version selector never receives markup.
 *
 * Material reads ../versions.json (mike's list of published quarters) and writes each
 * title into the page with innerHTML. `ketluan publish` refuses a branch whose
 * versions.json holds an entry it did not write (ketluan/publish/branch.py, `_ours`),
 * but a file changed on the server afterwards would still reach every page. So the
 * list is checked here too, by the same rule, before Material reads it: a quarter's
 * key ("2026-q1"), its title ("Quý I/2026"), no alias but "latest", nothing else.
 * Anything else is left out of the selector.
 *
 * Loaded in <head>, before Material's bundle, which fetches the list with
 * XMLHttpRequest (responseType "blob") and reads it in a "load" listener.
 */
(function () {
  "use strict";

  var ROMAN = ["I", "II", "III", "IV"];
  var KEY = /^(\d{4})-q([1-4])$/;
  var FIELDS = ["version", "title", "aliases", "properties"];

  function ours(entry) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry))
      return false;
    var key = KEY.exec(typeof entry.version === "string" ? entry.version : "");
    var aliases = entry.aliases;
    return key !== null
      && entry.title === "Quý " + ROMAN[Number(key[2]) - 1] + "/" + key[1]
      && Array.isArray(aliases)
      && aliases.every(function (a) { return a === "latest"; })
      && Object.keys(entry).every(function (k) { return FIELDS.indexOf(k) !== -1; })
      && !entry.properties;
  }

  function checked(text) {
    var entries;
    try {
      entries = JSON.parse(text);
    } catch (error) {
      return "[]";
    }
    return JSON.stringify(Array.isArray(entries) ? entries.filter(ours) : []);
  }

  var open = XMLHttpRequest.prototype.open;
  var listen = XMLHttpRequest.prototype.addEventListener;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.klVersions = /(^|\/)versions\.json([?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.addEventListener = function (type, listener, options) {
    if (!this.klVersions || type !== "load" || typeof listener !== "function")
      return listen.call(this, type, listener, options);
    var request = this;
    return listen.call(this, type, function (event) {
      var self = this;
      var answer = request.response;
      var text = answer instanceof Blob ? answer.text() : Promise.resolve(String(answer || ""));
      text.then(checked, function () { return "[]"; }).then(function (clean) {
        var blob = new Blob([clean], { type: "application/json" });
        Object.defineProperty(request, "response", { value: blob, configurable: true });
        Object.defineProperty(request, "responseText", { value: clean, configurable: true });
        listener.call(self, event);
      });
    }, options);
  };
})();
