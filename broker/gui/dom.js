// Tiny DOM builder: no innerHTML (the CSP forbids inline code, and data never becomes markup).

/**
 * @param {string} tag  e.g. 'div', 'button.primary', 'td.num'
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...(Node | string | number | null | undefined | false | Array<Node | string>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = [el.className, String(value)].filter(Boolean).join(' ');
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table with a caption; rows are arrays of cells (string | Node | {cell, class}). */
export function table({ caption, head, rows, className = '', empty = 'Nothing to show.', id }) {
  const t = h(`table.data${className ? '.' + className : ''}`, { id });
  if (caption) t.append(h('caption', null, caption));
  t.append(h('thead', null, h('tr', null, head.map((c) => h(`th${typeof c === 'object' && c.num ? '.num' : ''}`, { scope: 'col' }, typeof c === 'object' ? c.label : c)))));
  const body = h('tbody');
  if (rows.length === 0) body.append(h('tr', null, h('td.empty', { colspan: head.length }, empty)));
  for (const row of rows) {
    const tr = h('tr', row.attrs ?? null);
    for (const cell of row.cells ?? row) {
      if (cell && typeof cell === 'object' && !(cell instanceof Node) && 'cell' in cell) tr.append(h(`td${cell.class ? '.' + cell.class.split(' ').join('.') : ''}`, cell.attrs ?? null, cell.cell));
      else tr.append(h('td', null, cell));
    }
    body.append(tr);
  }
  t.append(body);
  return t;
}
