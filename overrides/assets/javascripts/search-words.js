// Search in clients' words, on top of Material's search (lunr in a worker):
//
// 1. Whole words first. Material treats every word typed as the start of a word ("knee"
//    also finds "kneeling", "low" finds "lower"). The query the worker receives gets each
//    plain word again with a boost (lunr's `word^10`); the prefix match still works, so
//    typing half a word keeps finding things.
// 2. Names first. Among the results, a page whose title (or the part of it before or in
//    brackets, or one of its tags: an exercise's other names and equipment) is exactly
//    what was typed comes first; then pages whose title holds every word typed, routines
//    before joints before the rest. Words about how it feels ("sore", "pain", "stiff")
//    are left out of that comparison. Otherwise lunr's order stands. So "knee" opens with
//    the Knee page, "glute bridge" with the glute bridge (not the single-leg one), and
//    "sore back" with the low back routine. A title that starts the last word typed
//    ranks just above the rest, for someone still typing.
//
// Loaded before Material's bundle, which starts the worker; a classic script so it also
// runs from file:// (the offline copy, where the worker is iframe-worker's shim).
(function () {
  "use strict";

  var EXACT_BOOST = 10;
  var TIER = 1e12; // added to a result's score per tier, so Enter opens the first one
  var QUERY = 2; // Material's message types: a query, and its result
  var RESULT = 3;
  var lastQuery = "";

  function words(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  }

  function withExactWords(query) {
    if (/["+\-:^~*]/.test(query.replace(/(\S)-(\S)/g, "$1 $2"))) return query; // lunr syntax
    var plain = words(query);
    if (!plain.length) return query;
    return query + " " + plain.map(function (w) { return w + "^" + EXACT_BOOST; }).join(" ");
  }

  function plainText(html) {
    return String(html || "").replace(/<[^>]*>/g, "");
  }

  // How a thing feels is not what it is called: left out when comparing with titles.
  var FEELING = ["sore", "pain", "pains", "painful", "ache", "aches", "aching", "achy",
    "stiff", "stiffness", "tight", "hurt", "hurts", "hurting", "my"];

  function tier(doc, wanted) {
    var joined = wanted.join(" ");
    var text = plainText(doc.title);
    var names = [text, text.replace(/\([^)]*\)/g, " ")];
    (text.match(/\(([^)]*)\)/g) || []).forEach(function (part) { names.push(part); });
    (doc.tags || []).forEach(function (tag) { names.push(plainText(tag)); });
    if (names.some(function (name) { return words(name).join(" ") === joined; })) return 3;
    var title = words(text);
    if (!wanted.every(function (w) { return title.indexOf(w) >= 0; })) {
      // Still typing: every word but the last in the title, and a title word starting
      // with the last one ("glute brid").
      var last = wanted[wanted.length - 1];
      var typing = wanted.slice(0, -1).every(function (w) { return title.indexOf(w) >= 0; }) &&
        title.some(function (w) { return w.indexOf(last) === 0; });
      return typing ? 0.5 : 0;
    }
    var kind = doc.location.split("/")[0];
    return kind === "routines" ? 2 : kind === "joints" ? 1.5 : 1;
  }

  function rerank(data) {
    var wanted = words(lastQuery).filter(function (w) { return FEELING.indexOf(w) < 0; });
    if (!data || !data.items || !wanted.length) return data;
    var ranked = data.items.map(function (group, position) {
      var page = group[0];
      for (var i = 0; i < group.length; i++) {
        if (group[i].location.indexOf("#") < 0) page = group[i];
      }
      var t = tier(page, wanted);
      return {
        tier: t,
        position: position,
        group: group.map(function (doc) {
          var copy = Object.assign({}, doc);
          copy.score = (doc.score || 0) + t * TIER;
          return copy;
        })
      };
    });
    ranked.sort(function (a, b) { return b.tier - a.tier || a.position - b.position; });
    return Object.assign({}, data, { items: ranked.map(function (r) { return r.group; }) });
  }

  function patch(Worker) {
    if (!Worker || !Worker.prototype || Worker.prototype.hbSearchWords) return;
    var proto = Worker.prototype;
    proto.hbSearchWords = true;
    var post = proto.postMessage;
    proto.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === QUERY && typeof message.data === "string") {
        lastQuery = message.data;
        args[0] = { type: QUERY, data: withExactWords(message.data) };
      }
      return post.apply(this, args);
    };
    var listen = proto.addEventListener;
    proto.addEventListener = function (type, listener) {
      var args = Array.prototype.slice.call(arguments);
      if (type === "message" && typeof listener === "function") {
        args[1] = function (event) {
          if (!event.data || event.data.type !== RESULT) return listener.call(this, event);
          var data = { type: RESULT, data: rerank(event.data.data) };
          return listener.call(this, new MessageEvent("message", { data: data }));
        };
      }
      return listen.apply(this, args);
    };
  }

  patch(window.Worker);
})();
