/* Sort and filter the model tables in the browser, with no network access.
 *
 * Every table inside a `.mc-models` block gets a text filter, one drop-down per
 * Developer / Status column, a live count, and sortable column titles. Cells may carry a
 * `data-sort` number (token counts); "—" cells sort last either way.
 */
(function () {
  "use strict";

  const FILTER_COLUMNS = ["Developer", "Status"];
  // Material Design "content-copy" icon, inline so that no font or request is needed.
  const COPY_ICON =
    '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path fill="currentColor" ' +
    'd="M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 ' +
    '2 0 0 0-2 2v14h2V3h12V1Z"/></svg>';

  function cellText(cell) {
    return (cell ? cell.textContent : "").trim();
  }

  function sortKey(cell) {
    const marked = cell && cell.querySelector("[data-sort]");
    if (marked) return Number(marked.getAttribute("data-sort"));
    const text = cellText(cell);
    return text === "—" || text === "" ? null : text.toLocaleLowerCase();
  }

  function compare(a, b) {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true });
  }

  function enhance(table, index) {
    if (table.dataset.mcEnhanced) return;
    table.dataset.mcEnhanced = "true";
    const headers = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    const body = table.tBodies[0];
    if (!body || headers.length === 0) return;
    const rows = Array.from(body.rows);

    const controls = document.createElement("div");
    controls.className = "mc-table-controls";
    const search = document.createElement("input");
    search.type = "search";
    search.className = "mc-filter-text md-input";
    search.placeholder = "Filter by ID, name or developer…";
    search.setAttribute("aria-label", "Filter models");
    controls.appendChild(search);

    const selects = [];
    headers.forEach((header, column) => {
      const title = cellText(header);
      if (!FILTER_COLUMNS.includes(title)) return;
      const select = document.createElement("select");
      select.className = "mc-filter-" + title.toLowerCase();
      select.setAttribute("aria-label", "Filter by " + title.toLowerCase());
      const all = new Option("All " + title.toLowerCase() + (title === "Status" ? "es" : "s"), "");
      select.appendChild(all);
      const values = Array.from(new Set(rows.map((row) => cellText(row.cells[column]))))
        .filter((value) => value && value !== "—")
        .sort((a, b) => a.localeCompare(b));
      values.forEach((value) => select.appendChild(new Option(value, value)));
      select.dataset.column = String(column);
      controls.appendChild(select);
      selects.push(select);
    });

    const count = document.createElement("span");
    count.className = "mc-count";
    count.setAttribute("aria-live", "polite");
    controls.appendChild(count);
    table.parentNode.insertBefore(controls, table);

    function applyFilters() {
      const needle = search.value.trim().toLocaleLowerCase();
      let shown = 0;
      rows.forEach((row) => {
        const text = cellText(row).toLocaleLowerCase();
        const matchesText = !needle || text.includes(needle);
        const matchesSelects = selects.every(
          (select) => !select.value || cellText(row.cells[Number(select.dataset.column)]) === select.value
        );
        row.hidden = !(matchesText && matchesSelects);
        if (!row.hidden) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " models";
    }

    search.addEventListener("input", applyFilters);
    selects.forEach((select) => select.addEventListener("change", applyFilters));

    headers.forEach((header, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "mc-sort";
      button.textContent = cellText(header);
      header.textContent = "";
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach((other) => other.setAttribute("aria-sort", "none"));
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const sorted = rows.slice().sort((a, b) => {
          const ka = sortKey(a.cells[column]);
          const kb = sortKey(b.cells[column]);
          if (ka === null || kb === null) return compare(ka, kb);
          return ascending ? compare(ka, kb) : compare(kb, ka);
        });
        sorted.forEach((row) => body.appendChild(row));
      });
    });

    rows.forEach((row) => {
      const code = row.cells[0] && row.cells[0].querySelector("code");
      if (!code || !navigator.clipboard) return;
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "mc-copy";
      copy.title = "Copy model ID";
      copy.setAttribute("aria-label", "Copy " + code.textContent);
      copy.innerHTML = COPY_ICON;
      copy.addEventListener("click", () => {
        navigator.clipboard.writeText(code.textContent).then(() => {
          copy.classList.add("mc-copied");
          setTimeout(() => copy.classList.remove("mc-copied"), 1200);
        });
      });
      row.cells[0].appendChild(copy);
    });

    table.id = table.id || "mc-models-" + index;
    applyFilters();
  }

  function enhanceAll() {
    document.querySelectorAll(".mc-models table").forEach(enhance);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
