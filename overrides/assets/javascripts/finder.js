// The exercise finder on the exercise list: filter groups (OR within a group, AND across
// groups) and a text box over names, other names and muscles, with a live count on every
// choice and the state in the address (?joint=hip&goal=lengthen&words=psoas); not `q`,
// which Material's search takes for itself.
//
// A classic script, not an ES module: browsers refuse module scripts from file://, and the
// offline copy must work from disk. The index is `finder-index.js` beside the page (see
// generator/render/finder.py), loaded once with a <script> tag for the same reason.
// Without JavaScript the form stays hidden and the full table shows.
(function () {
  "use strict";

  var INDEX = "hbFinderIndex";

  // Lower-case text with accents and punctuation folded, for forgiving matching.
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function loadIndex(form, done) {
    if (window[INDEX]) return done(window[INDEX]);
    var src = new URL(form.getAttribute("data-hb-finder"), window.location.href).href;
    var script = document.querySelector('script[src="' + src + '"]');
    if (!script) {
      script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
    }
    script.addEventListener("load", function () {
      if (window[INDEX]) done(window[INDEX]);
    });
  }

  // The choices ticked in each group, and the words typed, read from the form.
  function readForm(form, groups) {
    var state = { words: fold(form.elements.words.value).split(" ").filter(Boolean), picked: {} };
    groups.forEach(function (key) {
      var values = [];
      form.querySelectorAll('input[name="' + key + '"]:checked').forEach(function (box) {
        values.push(box.value);
      });
      state.picked[key] = values;
    });
    return state;
  }

  // The groups whose ticked choices an exercise fails (OR within a group).
  function failedGroups(exercise, state, groups) {
    var failed = [];
    groups.forEach(function (key) {
      var picked = state.picked[key];
      if (picked.length && !picked.some(function (v) { return exercise[key].indexOf(v) >= 0; })) {
        failed.push(key);
      }
    });
    return failed;
  }

  function matchesWords(exercise, words) {
    return words.every(function (word) {
      return exercise.text.indexOf(word) >= 0;
    });
  }

  // Rows shown at once: a long list is shown in steps ("Show more"), so a click stays
  // quick with thousands of exercises (the browser lays out only what is shown).
  var STEP = 100;

  // Filter the rows and count, for every choice, the exercises it would show if ticked
  // together with the other groups' choices as they are. Shows the first `limit` fits.
  function apply(form, index, limit) {
    var groups = index.groups;
    var state = readForm(form, groups);
    var counts = {};
    var shown = 0;
    var fits = {};
    groups.forEach(function (key) { counts[key] = {}; });
    index.exercises.forEach(function (exercise) {
      if (!matchesWords(exercise, state.words)) return;
      var failed = failedGroups(exercise, state, groups);
      if (failed.length === 0) {
        shown += 1;
        fits[exercise.id] = true;
      }
      if (failed.length > 1) return;
      groups.forEach(function (key) {
        if (failed.length === 1 && failed[0] !== key) return;
        exercise[key].forEach(function (value) {
          counts[key][value] = (counts[key][value] || 0) + 1;
        });
      });
    });
    var listed = 0;
    document.querySelectorAll("tr[data-hb-id]").forEach(function (row) {
      var fit = fits[row.getAttribute("data-hb-id")] === true;
      if (fit) listed += 1;
      var hide = !fit || listed > limit;
      if (row.hidden !== hide) row.hidden = hide;
    });
    var more = document.querySelector("[data-hb-more]");
    if (more) {
      more.hidden = shown <= limit;
      more.textContent = "Show " + Math.min(STEP, shown - limit) + " more (" + (shown - limit) + " not shown)";
    }
    form.querySelectorAll("details").forEach(function (group) {
      var picked = group.querySelectorAll("input:checked").length;
      group.querySelector("[data-hb-picked]").textContent = picked ? picked + " chosen" : "";
    });
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var count = counts[box.name][box.value] || 0;
      var label = box.closest("label");
      label.querySelector("[data-hb-count]").textContent = "(" + count + ")";
      label.classList.toggle("hb-finder__option--none", count === 0 && !box.checked);
    });
    var total = index.exercises.length;
    form.querySelector("[data-hb-status]").textContent =
      shown === total ? "Showing all " + total + " exercises" : "Showing " + shown + " of " + total + " exercises";
    var empty = document.querySelector("[data-hb-empty]");
    if (empty) empty.hidden = shown > 0;
    return state;
  }

  // The state as an address query, so a filtered view can be shared and reloaded.
  function writeUrl(state, groups) {
    var params = new URLSearchParams();
    groups.forEach(function (key) {
      state.picked[key].forEach(function (value) { params.append(key, value); });
    });
    var query = state.words.length ? state.words.join(" ") : "";
    if (query) params.set("words", query);
    var url = new URL(window.location.href);
    url.search = params.toString();
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
  }

  function readUrl(form) {
    var params = new URL(window.location.href).searchParams;
    form.elements.words.value = params.get("words") || "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
  }

  function start(form, index) {
    if (form.hbFinder) return;
    form.hbFinder = true;
    index.exercises.forEach(function (exercise) {
      if (exercise.text === undefined) {
        exercise.text = " " + fold([exercise.name].concat(exercise.aliases, exercise.muscles).join(" | "));
      }
    });
    readUrl(form);
    var limit = STEP;
    apply(form, index, limit);
    // On a phone the groups start folded, except those with a choice in them.
    if (window.matchMedia("(max-width: 44.9375em)").matches) {
      form.querySelectorAll("details").forEach(function (group) {
        group.open = group.querySelector("input:checked") !== null;
      });
    }
    form.hidden = false;
    var update = function () {
      limit = STEP;
      writeUrl(apply(form, index, limit), index.groups);
    };
    var more = document.querySelector("[data-hb-more]");
    if (more) {
      more.addEventListener("click", function () {
        limit += STEP;
        apply(form, index, limit);
      });
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  }

  function init() {
    var form = document.querySelector("form[data-hb-finder]");
    if (form) loadIndex(form, function (index) { start(form, index); });
  }

  // On load, and on each page Material's instant navigation swaps in without reloading
  // (its document$ does not emit for pages opened from file://, so both are needed).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();
