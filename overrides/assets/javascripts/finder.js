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

  // What a click needs, worked out once per visit: each group's checkboxes, every
  // exercise's values as positions among those checkboxes, and the table's rows in their
  // order with their exercise. A click then counts with plain arrays and touches only the
  // rows and labels whose state changes, so it stays quick with thousands of exercises.
  function prepare(form, index) {
    var groups = index.groups.map(function (key) {
      var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="' + key + '"]'));
      var position = {};
      boxes.forEach(function (box, at) { position[box.value] = at; });
      return {
        key: key,
        boxes: boxes,
        position: position,
        picked: boxes.length ? boxes[0].closest("details").querySelector("[data-hb-picked]") : null,
        labels: boxes.map(function (box) {
          var label = box.closest("label");
          return { label: label, count: label.querySelector("[data-hb-count]"), text: null, none: null };
        }),
      };
    });
    var byId = {};
    var exercises = index.exercises.map(function (exercise) {
      var entry = {
        text: exercise.text,
        values: groups.map(function (group) {
          return exercise[group.key]
            .map(function (value) { return group.position[value]; })
            .filter(function (at) { return at !== undefined; });
        }),
        fits: false,
      };
      byId[exercise.id] = entry;
      return entry;
    });
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-hb-id]")).map(function (row) {
      return { row: row, exercise: byId[row.getAttribute("data-hb-id")], hidden: row.hidden };
    });
    return { groups: groups, exercises: exercises, rows: rows, words: [] };
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  // Filter the rows and count, for every choice, the exercises it would show if ticked
  // together with the other groups' choices as they are. Shows the first `limit` fits.
  function apply(form, finder, limit) {
    var groups = finder.groups;
    var words = fold(form.elements.words.value).split(" ").filter(Boolean);
    finder.words = words;
    var picked = groups.map(function (group) {
      return group.boxes.map(function (box) { return box.checked; });
    });
    var active = picked.map(function (ticks) { return ticks.indexOf(true) >= 0; });
    var counts = groups.map(function (group) { return new Uint32Array(group.boxes.length); });
    var shown = 0;
    finder.exercises.forEach(function (exercise) {
      exercise.fits = false;
      if (!matchesWords(exercise, words)) return;
      // The groups whose ticked choices the exercise fails (OR within a group).
      var failed = -1;
      var failures = 0;
      for (var g = 0; g < groups.length && failures < 2; g++) {
        if (active[g] && !anyPicked(exercise.values[g], picked[g])) {
          failed = g;
          failures += 1;
        }
      }
      if (failures > 1) return;
      if (failures === 0) {
        exercise.fits = true;
        shown += 1;
      }
      for (g = 0; g < groups.length; g++) {
        if (failures === 1 && failed !== g) continue;
        exercise.values[g].forEach(function (at) { counts[g][at] += 1; });
      }
    });
    var listed = 0;
    finder.rows.forEach(function (entry) {
      var fit = entry.exercise !== undefined && entry.exercise.fits;
      if (fit) listed += 1;
      var hide = !fit || listed > limit;
      if (entry.hidden !== hide) {
        entry.row.hidden = hide;
        entry.hidden = hide;
      }
    });
    var more = document.querySelector("[data-hb-more]");
    if (more) {
      more.hidden = shown <= limit;
      setText(more, "Show " + Math.min(STEP, shown - limit) + " more (" + (shown - limit) + " not shown)");
    }
    groups.forEach(function (group, g) {
      var ticked = picked[g].filter(Boolean).length;
      setText(group.picked, ticked ? ticked + " chosen" : "");
      group.labels.forEach(function (option, at) {
        var text = "(" + counts[g][at] + ")";
        var none = counts[g][at] === 0 && !picked[g][at];
        if (option.text !== text) option.count.textContent = option.text = text;
        if (option.none !== none) option.label.classList.toggle("hb-finder__option--none", (option.none = none));
      });
    });
    var total = finder.exercises.length;
    setText(
      form.querySelector("[data-hb-status]"),
      shown === total ? "Showing all " + total + " exercises" : "Showing " + shown + " of " + total + " exercises"
    );
    var empty = document.querySelector("[data-hb-empty]");
    if (empty) empty.hidden = shown > 0;
  }

  function anyPicked(values, ticks) {
    for (var i = 0; i < values.length; i++) if (ticks[values[i]]) return true;
    return false;
  }

  function matchesWords(exercise, words) {
    return words.every(function (word) {
      return exercise.text.indexOf(word) >= 0;
    });
  }

  // Rows shown at once: a long list is shown in steps ("Show more"), so a click stays
  // quick with thousands of exercises (the browser lays out only what is shown).
  var STEP = 100;

  // The state as an address query, so a filtered view can be shared and reloaded.
  function writeUrl(finder) {
    var params = new URLSearchParams();
    finder.groups.forEach(function (group) {
      group.boxes.forEach(function (box) { if (box.checked) params.append(group.key, box.value); });
    });
    if (finder.words.length) params.set("words", finder.words.join(" "));
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
    var finder = prepare(form, index);
    var limit = STEP;
    apply(form, finder, limit);
    // On a phone the groups start folded, except those with a choice in them.
    if (window.matchMedia("(max-width: 44.9375em)").matches) {
      form.querySelectorAll("details").forEach(function (group) {
        group.open = group.querySelector("input:checked") !== null;
      });
    }
    form.hidden = false;
    var update = function () {
      limit = STEP;
      apply(form, finder, limit);
      writeUrl(finder);
    };
    var more = document.querySelector("[data-hb-more]");
    if (more) {
      more.addEventListener("click", function () {
        limit += STEP;
        apply(form, finder, limit);
      });
    }
    // A checkbox fires "input" and then "change" for one click; "input" alone covers
    // both kinds of field, so a click is worked out once.
    form.addEventListener("input", update);
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
