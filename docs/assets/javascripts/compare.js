/* The compare page: pick 2-6 models from any provider and see their facts side by side, one
 * column per model.
 *
 * The data is this site's own api/compare.json (same origin, no other request), whose values
 * the build already worded as of its day: this script only lays them out (a value a model
 * lacks is left out of the file and shown as "—"). The selection lives
 * in the query string as ?m=<provider>/<model-id>&m=..., so a comparison can be shared; IDs
 * in it that the catalog does not hold, or that repeat, are named. Every value goes into the
 * page as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  const SLOTS = 6;

  function text(value) {
    return value === null || value === undefined || value === "" ? "—" : String(value);
  }

  // A documented figure, or the API's, marked with the day the list showed it.
  function figure(cell, value) {
    if (!value) {
      cell.textContent = "—";
      return;
    }
    cell.textContent = value.text;
    if (value.api) {
      const note = document.createElement("span");
      note.className = "mc-api-note";
      note.textContent = " (as the API reported it on " + value.api + "; no document states it)";
      cell.appendChild(note);
    }
  }

  // An ID that may wrap after each '/', never inside a part (<wbr> adds nothing when copied).
  function breakableId(id) {
    const code = document.createElement("code");
    code.className = "mc-id";
    id.split("/").forEach((part, index) => {
      if (index) {
        code.appendChild(document.createTextNode("/"));
        code.appendChild(document.createElement("wbr"));
      }
      code.appendChild(document.createTextNode(part));
    });
    return code;
  }

  function badge(cell, m) {
    const span = document.createElement("span");
    span.className = "mc-status mc-status--" + m.state;
    span.textContent = m.state_label;
    cell.appendChild(span);
  }

  // compare.json names each provider and state once and leaves out what a model lacks.
  function expand(m, data) {
    return Object.assign({ replacements: [], also_at: [] }, m, {
      key: m.provider + "/" + m.id,
      provider_name: data.providers[m.provider],
      state_label: data.states[m.state],
    });
  }

  const FACTS = [
    ["Provider", (cell, m) => (cell.textContent = m.provider_name)],
    ["Developer", (cell, m) => (cell.textContent = text(m.developer))],
    ["State", badge],
    ["Use today", (cell, m) => (cell.textContent = m.use_instead || (m.state === "available" ? "this model" : "none named"))],
    ["Answered by", (cell, m) => (cell.textContent = text(m.answered_by))],
    ["Context window", (cell, m) => figure(cell, m.context)],
    ["Max output", (cell, m) => figure(cell, m.max_output)],
    ["Price in force", (cell, m) => (cell.textContent = m.price ? m.price + " (from " + m.price_date + ")" : "—")],
    ["Free-tier limits", (cell, m) => (cell.textContent = text(m.free_tier))],
    ["Shutdown", (cell, m) => (cell.textContent = text(m.shutdown))],
    ["Retires not sooner than", (cell, m) => (cell.textContent = text(m.not_before))],
    ["Replacements", (cell, m) => (cell.textContent = m.replacements.length ? m.replacements.join(", ") : "—")],
    ["Same model also at", (cell, m) => (cell.textContent = m.also_at.length ? m.also_at.join(", ") : "—")],
  ];

  // The requested keys: known ones kept in order, once; unknown and repeated ones named.
  function readSelection(known) {
    const wanted = new URLSearchParams(window.location.search).getAll("m");
    const kept = [];
    const unknown = [];
    const repeated = [];
    wanted.forEach((key) => {
      if (!known.has(key)) unknown.push(key);
      else if (kept.includes(key)) repeated.push(key);
      else kept.push(key);
    });
    const dropped = kept.slice(SLOTS);
    return { kept: kept.slice(0, SLOTS), unknown, repeated, over: dropped.length, dropped };
  }

  function writeSelection(keys) {
    const params = new URLSearchParams(window.location.search);
    params.delete("m");
    keys.forEach((key) => params.append("m", key));
    const query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function problem(list, message) {
    const item = document.createElement("li");
    item.textContent = message;
    list.appendChild(item);
  }

  function build(root, models) {
    const byKey = new Map(models.map((m) => [m.key, m]));
    const pickers = document.createElement("div");
    pickers.className = "mc-compare-pickers";
    const selects = [];
    const sorted = models.slice().sort((a, b) => a.id.localeCompare(b.id) || a.provider.localeCompare(b.provider));
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const label = document.createElement("label");
      label.textContent = "Model " + (slot + 1) + " ";
      const select = document.createElement("select");
      select.className = "mc-compare-pick";
      select.appendChild(new Option(slot < 2 ? "Choose a model" : "(optional)", ""));
      sorted.forEach((m) => select.appendChild(new Option(m.id + " · " + m.provider_name + " (" + m.state_label.toLowerCase() + ")", m.key)));
      label.appendChild(select);
      pickers.appendChild(label);
      selects.push(select);
    }
    const problems = document.createElement("ul");
    problems.className = "mc-problems";
    problems.setAttribute("aria-live", "polite");
    const output = document.createElement("div");
    output.className = "mc-compare-output";
    root.appendChild(pickers);
    root.appendChild(problems);
    root.appendChild(output);

    function render(keys) {
      output.textContent = "";
      if (keys.length < 2) {
        const hint = document.createElement("p");
        hint.className = "mc-empty";
        hint.textContent = "Choose at least two models to compare (up to " + SLOTS + ").";
        output.appendChild(hint);
        return;
      }
      const chosen = keys.map((key) => byKey.get(key));
      const table = document.createElement("table");
      const caption = document.createElement("caption");
      caption.textContent = "Facts of " + chosen.length + " models as of " + root.dataset.asOf;
      caption.className = "mc-visually-hidden";
      table.appendChild(caption);
      const head = table.createTHead().insertRow();
      const corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = "Fact";
      head.appendChild(corner);
      chosen.forEach((m) => {
        const th = document.createElement("th");
        th.scope = "col";
        const link = document.createElement("a");
        link.href = root.dataset.root + m.page;
        link.appendChild(breakableId(m.id));
        th.appendChild(link);
        head.appendChild(th);
      });
      const body = table.createTBody();
      FACTS.forEach(([title, fill]) => {
        const row = body.insertRow();
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = title;
        row.appendChild(th);
        chosen.forEach((m) => {
          const cell = row.insertCell();
          // On a phone each fact is a card and each value names its model (catalog.css).
          cell.setAttribute("data-label", m.id + " · " + m.provider_name);
          fill(cell, m);
        });
      });
      table.setAttribute("data-mc-stack", "");
      output.appendChild(table);
    }

    function fromPickers() {
      const keys = [];
      selects.forEach((select) => {
        if (select.value && !keys.includes(select.value)) keys.push(select.value);
      });
      return keys;
    }

    const initial = readSelection(byKey);
    initial.kept.forEach((key, slot) => (selects[slot].value = key));
    initial.unknown.forEach((key) => problem(problems, "Not in the catalog: " + key));
    initial.repeated.forEach((key) => problem(problems, "Asked for twice: " + key + " (shown once)"));
    if (initial.over) {
      const left = initial.over === 1 ? "1 more was" : initial.over + " more were";
      problem(problems, "Only " + SLOTS + " models fit side by side; " + left + " left out: " + initial.dropped.join(", ") + ".");
    }
    selects.forEach((select) =>
      select.addEventListener("change", () => {
        problems.textContent = "";
        const keys = fromPickers();
        writeSelection(keys);
        render(keys);
      })
    );
    render(initial.kept);
  }

  function start() {
    document.querySelectorAll(".mc-compare").forEach((root) => {
      if (root.dataset.mcEnhanced) return;
      root.dataset.mcEnhanced = "true";
      fetch(root.dataset.api)
        .then((response) => response.json())
        .then((data) => {
          root.dataset.asOf = data.as_of;
          build(root, data.models.map((m) => expand(m, data)));
        });
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
