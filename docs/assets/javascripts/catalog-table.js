/* Filter and sort the model tables in the browser, with no network access.
 *
 * A `.mc-models` table gets a text filter (numbers match with or without thousands
 * separators), one drop-down per column whose header has `data-filter`, a control that
 * includes the models not callable on the build date, a live count, sortable headers (cells
 * may carry a numeric `data-sort`; cells without one sort last either way), a copy button
 * for real API IDs, and an empty state. Filter, sort and the include control live in the
 * query string, so a view can be shared and is restored on load.
 */
(function () {
  "use strict";

  // Material Design "content-copy" icon, inline so that no font or request is needed.
  const COPY_ICON =
    '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path fill="currentColor" ' +
    'd="M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 ' +
    '2 0 0 0-2 2v14h2V3h12V1Z"/></svg>';

  function cellText(cell) {
    return (cell ? cell.textContent : "").replace(/\s+/g, " ").trim();
  }

  function cellValue(cell) {
    return cell && cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cellText(cell);
  }

  // "131,072" and "131 072" also match "131072": digits joined across separators.
  function searchable(text) {
    const lower = text.toLocaleLowerCase();
    return lower + " " + lower.replace(/(\d)[,\u202f\u00a0 ](?=\d)/g, "$1");
  }

  function sortKey(cell) {
    if (cell && cell.hasAttribute("data-sort")) return Number(cell.getAttribute("data-sort"));
    const text = cellText(cell);
    return text === "—" || text === "" ? null : text.toLocaleLowerCase();
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true });
  }

  function readQuery() {
    return new URLSearchParams(window.location.search);
  }

  function writeQuery(state) {
    const params = readQuery();
    Object.keys(state).forEach((key) => {
      if (state[key]) params.set(key, state[key]);
      else params.delete(key);
    });
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function enhance(block) {
    const table = block.querySelector("table");
    if (!table || table.dataset.mcEnhanced) return;
    table.dataset.mcEnhanced = "true";
    const headers = Array.from(table.tHead ? table.tHead.rows[0].cells : []);
    const body = table.tBodies[0];
    if (!body || headers.length === 0) return;
    const rows = Array.from(body.rows);
    const onlyCallable = block.dataset.onlyCallable === "true";
    const haystacks = new Map(rows.map((row) => [row, searchable(cellText(row))]));

    const controls = document.createElement("div");
    controls.className = "mc-table-controls";
    const search = document.createElement("input");
    search.type = "search";
    search.className = "mc-filter-text md-input";
    search.placeholder = "Filter: ID, name, 131072…";
    search.setAttribute("aria-label", "Filter models by any text or number");
    controls.appendChild(search);

    const selects = [];
    headers.forEach((header, column) => {
      const key = header.dataset.filter;
      if (!key) return;
      const title = cellText(header);
      const select = document.createElement("select");
      select.className = "mc-filter-" + key;
      select.setAttribute("aria-label", "Filter by " + title.toLowerCase());
      select.appendChild(new Option("Every " + title.toLowerCase(), ""));
      const values = Array.from(new Set(rows.map((row) => cellValue(row.cells[column]))))
        .filter((value) => value && value !== "—")
        .sort((a, b) => a.localeCompare(b));
      values.forEach((value) => select.appendChild(new Option(value, value)));
      select.dataset.column = String(column);
      select.dataset.key = key;
      controls.appendChild(select);
      selects.push(select);
    });

    let include = null;
    if (onlyCallable) {
      const label = document.createElement("label");
      label.className = "mc-include";
      include = document.createElement("input");
      include.type = "checkbox";
      include.className = "mc-include-all";
      label.appendChild(include);
      label.appendChild(document.createTextNode(" Include deprecated, retired and not callable"));
      controls.appendChild(label);
    }

    const count = document.createElement("span");
    count.className = "mc-count";
    count.setAttribute("aria-live", "polite");
    controls.appendChild(count);
    block.insertBefore(controls, block.firstChild);

    const empty = document.createElement("p");
    empty.className = "mc-empty";
    empty.hidden = true;
    const emptyText = document.createElement("span");
    const reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button mc-reset";
    reset.textContent = "Clear the filters";
    empty.appendChild(emptyText);
    empty.appendChild(document.createTextNode(" "));
    empty.appendChild(reset);
    block.appendChild(empty);

    const sortState = { key: "", descending: false };

    function apply(remember) {
      const needle = search.value.trim().toLocaleLowerCase();
      const compact = needle.replace(/(\d)[, ](?=\d)/g, "$1");
      const everything = !include || include.checked;
      let shown = 0;
      let hiddenByDefault = 0;
      rows.forEach((row) => {
        const matches =
          (!needle || haystacks.get(row).includes(needle) || haystacks.get(row).includes(compact)) &&
          selects.every(
            (select) => !select.value || cellValue(row.cells[Number(select.dataset.column)]) === select.value
          );
        // Choosing a state in its drop-down shows it even when the default view hides it.
        const stateChosen = selects.some((select) => select.dataset.key === "state" && select.value);
        const inView = everything || stateChosen || row.dataset.default === "true";
        row.hidden = !(matches && inView);
        if (!row.hidden) shown += 1;
        else if (matches) hiddenByDefault += 1;
      });
      const of = include && !include.checked ? " callable today" : "";
      count.textContent = shown + " of " + rows.length + " models" + (of ? " shown (" + of.trim() + ")" : "");
      empty.hidden = shown !== 0;
      table.hidden = shown === 0;
      emptyText.textContent =
        hiddenByDefault > 0
          ? "No callable model matches; " + hiddenByDefault + " deprecated, retired or not callable " +
            (hiddenByDefault === 1 ? "one does" : "ones do") + " (tick “Include deprecated, retired and not callable”)."
          : "No model matches these filters.";
      if (remember) {
        const state = {
          filter: search.value.trim(),
          all: include && include.checked ? "1" : "",
          sort: sortState.key ? sortState.key + (sortState.descending ? ":desc" : "") : "",
        };
        selects.forEach((select) => (state[select.dataset.key] = select.value));
        writeQuery(state);
      }
    }

    function sortBy(column, descending) {
      headers.forEach((other) => other.setAttribute("aria-sort", "none"));
      const header = headers[column];
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortState.key = header.dataset.key || String(column);
      sortState.descending = descending;
      const sorted = rows.slice().sort((a, b) => {
        const ka = sortKey(a.cells[column]);
        const kb = sortKey(b.cells[column]);
        if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
        return descending ? compare(kb, ka) : compare(ka, kb);
      });
      sorted.forEach((row) => body.appendChild(row));
    }

    headers.forEach((header, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "mc-sort";
      button.textContent = cellText(header);
      if (header.title) button.title = header.title;
      header.textContent = "";
      header.appendChild(button);
      header.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        sortBy(column, header.getAttribute("aria-sort") === "ascending");
        apply(true);
      });
    });

    rows.forEach((row) => {
      const code = row.cells[0] && row.cells[0].querySelector("code");
      if (!code || row.dataset.copy !== "true" || !navigator.clipboard) return;
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

    // Restore the view from the query string.
    const params = readQuery();
    search.value = params.get("filter") || "";
    if (include) include.checked = params.get("all") === "1";
    selects.forEach((select) => {
      const wanted = params.get(select.dataset.key) || "";
      if (Array.from(select.options).some((option) => option.value === wanted)) select.value = wanted;
    });
    const [sortKeyName, direction] = (params.get("sort") || "").split(":");
    const sortColumn = headers.findIndex((header) => header.dataset.key === sortKeyName);
    if (sortColumn >= 0) sortBy(sortColumn, direction === "desc");

    search.addEventListener("input", () => apply(true));
    selects.forEach((select) => select.addEventListener("change", () => apply(true)));
    if (include) include.addEventListener("change", () => apply(true));
    reset.addEventListener("click", () => {
      search.value = "";
      selects.forEach((select) => (select.value = ""));
      if (include) include.checked = true;
      apply(true);
    });
    apply(false);
  }

  // Tables of four columns or more are laid out as one card per row on a phone
  // (catalog.css): each cell is labelled with its column's heading, which the card shows.
  const STACK_FROM_COLUMNS = 4;

  function labelCells(table) {
    if (table.hasAttribute("data-mc-stack") || !table.tHead || !table.tHead.rows.length) return;
    const headings = Array.from(table.tHead.rows[0].cells).map(cellText);
    if (headings.length < STACK_FROM_COLUMNS) return;
    Array.from(table.tBodies).forEach((body) =>
      Array.from(body.rows).forEach((row) =>
        Array.from(row.cells).forEach((cell, column) => {
          if (headings[column]) cell.setAttribute("data-label", headings[column]);
        })
      )
    );
    table.setAttribute("data-mc-stack", "");
  }

  // Accessibility fixes to the theme's markup: the search dialog gets a name, and a table
  // that still scrolls sideways can be reached (and scrolled) with the keyboard.
  function fixTheme() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) =>
      dialog.setAttribute("aria-label", "Search")
    );
    document
      .querySelectorAll(".md-typeset table:not([class])")
      .forEach((table) => table.closest(".mc-models, .mc-compare") || labelCells(table));
    const scrolling = Array.from(document.querySelectorAll(".md-typeset table:not([class])")).filter(
      (table) => table.scrollWidth > table.clientWidth
    );
    scrolling.forEach((region) => {
      if (region.hasAttribute("tabindex")) return;
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", "Table (scrolls sideways on small screens)");
    });
  }

  function enhanceAll() {
    fixTheme();
    document.querySelectorAll(".mc-models").forEach(enhance);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
