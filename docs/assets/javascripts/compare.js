/* The compare page: pick 2-4 models from any provider and see their facts side by side.
 *
 * The data is this site's own api/models.json (same origin, no other request); the selection
 * lives in the query string as ?m=<provider>/<model-id>&m=..., so a comparison can be shared.
 * Every value goes into the page as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  const SLOTS = 4;

  function tokens(count) {
    return typeof count === "number" ? count.toLocaleString("en-US") : "—";
  }

  function usd(amount) {
    return typeof amount === "number" ? "$" + amount : "—";
  }

  function rate(value) {
    if (value === undefined || value === null) return "—";
    return value === "unlimited" ? "no limit" : tokens(value);
  }

  function last(list) {
    return Array.isArray(list) && list.length ? list[list.length - 1] : null;
  }

  const FACTS = [
    ["Provider", (m) => m.provider_name],
    ["Developer", (m) => m.developer || "—"],
    ["State", (m) => m.state + (m.callable ? "" : " (not callable)")],
    ["Context window in force", (m) => tokens(m.temporary_limit ? m.temporary_limit.context_window : m.context_window)],
    ["Max output tokens", (m) => tokens(m.max_output_tokens)],
    ["Input per 1M tokens", (m) => usd((last(m.prices) || {}).input_per_mtok_usd)],
    ["Output per 1M tokens", (m) => usd((last(m.prices) || {}).output_per_mtok_usd)],
    ["Per hour of audio", (m) => usd((last(m.prices) || {}).per_audio_hour_usd)],
    ["Price as of", (m) => (last(m.prices) || {}).date || "—"],
    ["Free tier RPM", (m) => rate((last(m.free_tier_limits) || {}).rpm)],
    ["Free tier TPM", (m) => rate((last(m.free_tier_limits) || {}).tpm)],
    ["Shutdown", (m) => (m.lifecycle && m.lifecycle.shutdown) || "—"],
    ["Replacements", (m) => (m.lifecycle && m.lifecycle.replacements ? m.lifecycle.replacements.join(", ") : "—")],
  ];

  function selectionFromQuery(known) {
    return new URLSearchParams(window.location.search)
      .getAll("m")
      .filter((key) => known.has(key))
      .slice(0, SLOTS);
  }

  function writeSelection(keys) {
    const params = new URLSearchParams(window.location.search);
    params.delete("m");
    keys.forEach((key) => params.append("m", key));
    const query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function build(root, models) {
    const byKey = new Map(models.map((m) => [m.provider + "/" + m.id, m]));
    const pickers = document.createElement("div");
    pickers.className = "mc-compare-pickers";
    const selects = [];
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const label = document.createElement("label");
      label.textContent = "Model " + (slot + 1) + " ";
      const select = document.createElement("select");
      select.className = "mc-compare-pick";
      select.appendChild(new Option(slot < 2 ? "Choose a model" : "(optional)", ""));
      models.forEach((m) => {
        const key = m.provider + "/" + m.id;
        select.appendChild(new Option(m.id + " · " + m.provider_name + " (" + m.state + ")", key));
      });
      label.appendChild(select);
      pickers.appendChild(label);
      selects.push(select);
    }
    const output = document.createElement("div");
    output.className = "mc-scroll mc-compare-output";
    root.appendChild(pickers);
    root.appendChild(output);

    function render(remember) {
      const keys = selects.map((s) => s.value).filter((key, i, all) => key && all.indexOf(key) === i);
      if (remember) writeSelection(keys);
      output.textContent = "";
      if (keys.length < 2) {
        const hint = document.createElement("p");
        hint.className = "mc-empty";
        hint.textContent = "Choose at least two models to compare.";
        output.appendChild(hint);
        return;
      }
      const chosen = keys.map((key) => byKey.get(key));
      const table = document.createElement("table");
      table.className = "mc-compare-table";
      const head = table.createTHead().insertRow();
      const corner = document.createElement("th");
      corner.textContent = "Fact";
      head.appendChild(corner);
      chosen.forEach((m) => {
        const th = document.createElement("th");
        th.scope = "col";
        const link = document.createElement("a");
        link.href = root.dataset.root + "models/" + m.provider + "/" + m.id + "/";
        const code = document.createElement("code");
        code.className = "mc-id";
        code.textContent = m.id;
        link.appendChild(code);
        th.appendChild(link);
        head.appendChild(th);
      });
      const body = table.createTBody();
      FACTS.forEach(([title, value]) => {
        const row = body.insertRow();
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = title;
        row.appendChild(th);
        chosen.forEach((m) => {
          row.insertCell().textContent = String(value(m));
        });
      });
      output.appendChild(table);
    }

    const initial = selectionFromQuery(byKey);
    initial.forEach((key, slot) => (selects[slot].value = key));
    selects.forEach((select) => select.addEventListener("change", () => render(true)));
    render(false);
  }

  function start() {
    document.querySelectorAll(".mc-compare").forEach((root) => {
      if (root.dataset.mcEnhanced) return;
      root.dataset.mcEnhanced = "true";
      fetch(root.dataset.api)
        .then((response) => response.json())
        .then((document) => {
          const models = [];
          document.providers.forEach((provider) =>
            provider.models.forEach((m) => models.push(Object.assign({ provider: provider.id, provider_name: provider.name }, m)))
          );
          build(root, models);
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
