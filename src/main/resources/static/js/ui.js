// Shared by every page: the API key (kept in this browser tab's session only), calls to the public API,
// the header with the pages the key's scopes allow, and small helpers to build the page safely (textContent only).

const KEY = 'vda.apiKey';

// A page that breaks says so, rather than leaving a person waiting for an answer that will not come.
function pageError(message) {
  const main = document.querySelector('main');
  if (main) main.prepend(el('p', {class: 'error', role: 'alert', id: 'page-error'}, `Something went wrong on this page: ${message}`));
}
window.addEventListener('error', e => pageError(e.message));
window.addEventListener('unhandledrejection', e => pageError(e.reason && e.reason.message || String(e.reason)));

/** Elements: el('p', {class: 'x'}, 'text', child, ...). Strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

/** An answer the API refused: status, and the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `The service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API with the key; JSON in and out unless told otherwise. Throws ApiError on a 4xx/5xx. */
export async function api(path, {method = 'GET', body, headers = {}, raw = false} = {}) {
  const h = {'Accept': 'application/json', ...headers};
  const key = apiKey();
  if (key) h['X-API-Key'] = key;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Blob) && !(body instanceof FormData)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, {method, headers: h, body: payload});
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

let sessionPromise;
/** The signed-in key's client and scopes, or null when no key (or a key no longer valid) is held. */
export function session() {
  if (!sessionPromise) {
    sessionPromise = apiKey() ? api('/api/v1/session').catch(e => {
      if (e.status === 401) sessionStorage.removeItem(KEY);
      return null;
    }) : Promise.resolve(null);
  }
  return sessionPromise;
}

export function can(s, scope) {
  return !!s && s.scopes.some(x => x.value === scope);
}

let cataloguePromise;
export function catalogue() {
  cataloguePromise ??= api('/api/v1/catalogue');
  return cataloguePromise;
}

const PAGES = [
  {href: '/ask', label: 'Can they see it?', scope: 'decide', who: 'Partners and anyone deciding on disclosure'},
  {href: '/assess', label: 'What vetting is needed?', scope: 'assess', who: 'HR teams: one post or a whole roster'},
  {href: '/rules', label: 'Rules', scope: 'rules:read', who: 'Policy staff: browse, edit, test, publish and roll back'},
  {href: '/audit', label: 'Audit', scope: 'audit:read', who: 'Auditors: search the decision log, open one answer'},
];

export function pagesFor(s) {
  return PAGES.filter(p => can(s, p.scope));
}

/**
 * Draws the header and, when no valid key is held, a sign-in form in place of the page.
 * Resolves with the session once signed in with the scope the page needs; null when the key lacks it.
 */
export async function start(scope) {
  const s = await session();
  header(s);
  const main = $('main');
  if (!s) {
    replace(main, signInForm());
    $('#api-key').focus();
    return new Promise(() => {}); // the page reloads after signing in
  }
  if (scope && !can(s, scope)) {
    replace(main, el('section', {class: 'panel', role: 'alert'},
      el('h1', {}, 'Not available with this key'),
      el('p', {}, `This page needs the scope ${scope}; the key of ${s.client} has ${s.scopes.map(x => x.value).join(', ') || 'none'}.`),
      el('p', {}, el('a', {href: '/'}, 'Back to the pages this key allows'))));
    return null;
  }
  return s;
}

function header(s) {
  const here = location.pathname.replace(/\/index\.html$/, '/');
  const nav = el('nav', {'aria-label': 'Pages'},
    el('a', {href: '/', 'aria-current': here === '/' ? 'page' : null}, 'Home'),
    pagesFor(s).map(p => el('a', {href: p.href, 'aria-current': here === p.href ? 'page' : null}, p.label)),
    el('a', {href: '/swagger-ui/index.html'}, 'API'));
  const who = s
    ? el('div', {class: 'who'}, el('span', {id: 'signed-in-as'}, `Signed in as ${s.client}`),
        el('button', {type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut}, 'Sign out'))
    : el('div', {class: 'who'}, 'Not signed in');
  replace($('header'), el('a', {href: '/', class: 'brand'}, 'Vetting and Disclosure Advisor'), nav, who);
}

function signInForm() {
  const error = el('p', {id: 'sign-in-error', class: 'error', role: 'alert', hidden: true});
  const form = el('form', {id: 'sign-in', class: 'panel narrow'},
    el('h1', {}, 'Sign in'),
    el('p', {}, 'Use the API key your administrator gave you. It is kept in this browser tab only and forgotten when the tab closes.'),
    el('label', {for: 'api-key'}, 'API key'),
    el('input', {id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', required: true}),
    el('button', {type: 'submit'}, 'Sign in'),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    try {
      const response = await fetch('/api/v1/session', {headers: {'X-API-Key': key, 'Accept': 'application/json'}});
      if (!response.ok) throw new ApiError(response.status, await problemOf(response));
      sessionStorage.setItem(KEY, key);
      location.reload();
    } catch (e) {
      error.hidden = false;
      error.textContent = e.status === 401 ? 'That key is not valid, or it has been revoked.' : `Could not sign in: ${e.message}`;
    }
  });
  return form;
}

function signOut() {
  sessionStorage.removeItem(KEY);
  location.href = '/';
}

/** A refused request shown in words: the detail and every field at fault with its allowed values. */
export function problemView(e) {
  const p = e.problem || {};
  const box = el('div', {class: 'problem', role: 'alert'},
    el('h2', {}, p.title || `Request refused (${e.status || 'no answer'})`),
    el('p', {}, p.detail || e.message));
  if (Array.isArray(p.errors) && p.errors.length) {
    box.append(el('ul', {class: 'field-errors'}, p.errors.map(f => el('li', {},
      f.row ? el('strong', {}, `Line ${f.row}, `) : null, el('code', {}, f.field || ''), ' ', f.message || '',
      f.allowed && f.allowed.length ? el('span', {class: 'allowed'}, ` Allowed: ${f.allowed.join(', ')}`) : null))));
  }
  return box;
}

/** Sets the busy state of a region for assistive technology and shows a progress line. */
export function busy(region, text) {
  region.setAttribute('aria-busy', 'true');
  replace(region, el('p', {class: 'progress', role: 'status'}, el('span', {class: 'spinner', 'aria-hidden': 'true'}), text));
}

export function done(region) {
  region.removeAttribute('aria-busy');
}

export function options(select, entries, {blank} = {}) {
  replace(select, blank !== undefined ? el('option', {value: ''}, blank) : null,
    entries.map(e => el('option', {value: e.value, title: e.description || ''}, label(e))));
  return select;
}

export function label(entry) {
  return entry.description && entry.description !== entry.value ? `${entry.value} — ${entry.description}` : entry.value;
}

export function download(name, blob) {
  const a = el('a', {href: URL.createObjectURL(blob), download: name});
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export function money(cost) {
  if (!cost) return '—';
  const f = n => '£' + Number(n).toLocaleString('en-GB');
  return cost.min === cost.max ? f(cost.min) : `${f(cost.min)}–${f(cost.max)}`;
}

/** A horizontal bar chart as SVG: rows of {label, value, text}. Accessible name and a table-like description. */
export function barChart(title, rows, {id, colour = 'var(--accent)'} = {}) {
  const bar = 26, gap = 10, right = 130;
  const left = Math.min(320, Math.max(120, 7.2 * Math.max(...rows.map(r => r.label.length)) + 14));
  const width = left + 260 + right;
  const max = Math.max(1, ...rows.map(r => r.value));
  const height = rows.length * (bar + gap) + gap;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${title}: ${rows.map(r => `${r.label} ${r.text ?? r.value}`).join('; ')}`);
  if (id) svg.setAttribute('id', id);
  svg.classList.add('chart');
  rows.forEach((r, i) => {
    const y = gap + i * (bar + gap);
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', left - 8); t.setAttribute('y', y + bar * 0.68); t.setAttribute('text-anchor', 'end');
    t.textContent = r.label;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', left); rect.setAttribute('y', y); rect.setAttribute('height', bar);
    rect.setAttribute('width', Math.max(2, (width - left - right) * r.value / max));
    rect.setAttribute('fill', r.colour || colour);
    const v = document.createElementNS(ns, 'text');
    v.setAttribute('x', left + Math.max(2, (width - left - right) * r.value / max) + 6); v.setAttribute('y', y + bar * 0.68);
    v.textContent = r.text ?? String(r.value);
    svg.append(t, rect, v);
  });
  return el('figure', {}, el('figcaption', {}, title), svg);
}

/** Sortable table: columns of {key, label, value(row), sort(row)}; a click on a header sorts by it. */
export function sortableTable(columns, rows, {id, caption} = {}) {
  let sortKey = null, ascending = true;
  const tbody = el('tbody');
  const heads = columns.map(c => el('th', {scope: 'col', 'aria-sort': 'none'},
    el('button', {type: 'button', class: 'sort', dataset: {key: c.key}, onclick: () => sortBy(c)}, c.label)));
  const table = el('table', {id, class: 'data'}, caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, heads)), tbody);
  function draw() {
    replace(tbody, rows.map(r => el('tr', {}, columns.map(c => el('td', {dataset: {col: c.key}}, c.value(r))))));
  }
  function sortBy(c) {
    ascending = sortKey === c.key ? !ascending : true;
    sortKey = c.key;
    const key = c.sort || (r => String(c.value(r)));
    rows = [...rows].sort((a, b) => {
      const x = key(a), y = key(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', {numeric: true});
      return ascending ? order : -order;
    });
    heads.forEach((h, i) => h.setAttribute('aria-sort', columns[i].key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none'));
    draw();
  }
  draw();
  return table;
}

/** The same question as a curl command, with the key left as a variable. */
export function curl(path, body) {
  const json = JSON.stringify(body, null, 2).replace(/'/g, "'\\''");
  return `curl -s ${location.origin}${path} \\\n  -H "X-API-Key: $ADVISOR_API_KEY" \\\n  -H 'Content-Type: application/json' \\\n  -d '${json}'`;
}

export async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    status.textContent = 'Select the command below and copy it.';
  }
}
