// Form pieces used by more than one page, with values from /api/v1/catalogue; every control has its own label.
import {el, options, label, $$} from './ui.js';

let rowCount = 0;

/** A group of checkboxes, one per catalogue entry, under a legend. */
export function checkGroup(legend, name, entries, {hint} = {}) {
  return el('fieldset', {id: `${name}-group`},
    el('legend', {}, legend),
    hint ? el('p', {class: 'hint'}, hint) : null,
    el('div', {class: 'checks'}, entries.map(e => el('label', {class: 'inline', title: e.description || ''},
      el('input', {type: 'checkbox', name, value: e.value, id: `${name}-${e.value}`}), label(e)))));
}

export function checked(root, name) {
  return $$(`input[name="${name}"]:checked`, root).map(i => i.value);
}

export function setChecked(root, name, values) {
  $$(`input[name="${name}"]`, root).forEach(i => { i.checked = values.includes(i.value); });
}

export function field(id, text, control, hint) {
  control.id = id;
  return el('div', {}, el('label', {for: id}, text), hint ? el('p', {class: 'hint', id: `${id}-hint`}, hint) : null, control);
}

export function select(entries, blank) {
  return options(el('select'), entries, blank === undefined ? {} : {blank});
}

/** Markings grouped by scheme, each shown with what it is treated as. */
export function markingSelect(catalogue) {
  const s = el('select');
  const schemes = catalogue.schemes.map(x => x.value);
  for (const scheme of schemes) {
    s.append(el('optgroup', {label: scheme}, catalogue.markings.filter(m => m.schemes.includes(scheme))
      .filter(m => m.schemes[0] === scheme).map(m => el('option', {value: m.value, title: m.description}, label(m)))));
  }
  return s;
}

/** Rows of vetting lines (level, status, dates, sponsor) with add and remove buttons. */
export function vettingLines(catalogue, legend, idPrefix) {
  const rows = el('div', {class: 'rows', id: `${idPrefix}-lines`});
  const add = el('button', {type: 'button', class: 'secondary', id: `${idPrefix}-add`, onclick: () => addVettingLine(rows, catalogue)},
    'Add a vetting line');
  return el('fieldset', {id: idPrefix}, el('legend', {}, legend),
    el('p', {class: 'hint'}, 'Only VERIFIED (in date) and IN_RENEWAL clearances count.'), rows, add);
}

export function addVettingLine(rows, catalogue, value = {}) {
  const n = rowCount++;
  const id = x => `v${n}-${x}`;
  const level = select(catalogue.vettingLevels);
  const status = select(catalogue.vettingStatuses);
  level.value = value.level || 'BPSS';
  status.value = value.status || 'VERIFIED';
  const row = el('div', {class: 'row vetting-line'},
    field(id('level'), 'Level', level),
    field(id('status'), 'Status', status),
    field(id('granted'), 'Granted on', el('input', {type: 'date', value: value.grantedOn})),
    field(id('review'), 'Review due', el('input', {type: 'date', value: value.reviewDue})),
    field(id('sponsor'), 'Sponsor', el('input', {type: 'text', value: value.sponsor})),
    field(id('lapsed'), 'Left sponsor on', el('input', {type: 'date', value: value.lapsedOn})),
    el('div', {}, el('button', {type: 'button', class: 'secondary', onclick: () => row.remove()}, 'Remove')));
  level.classList.add('level'); status.classList.add('status');
  rows.append(row);
  return row;
}

export function readVettingLines(rows) {
  return $$('.vetting-line', rows).map(row => {
    const v = x => row.querySelector(`[id$="-${x}"]`).value || undefined;
    return {level: v('level'), status: v('status'), grantedOn: v('granted'), reviewDue: v('review'), sponsor: v('sponsor'), lapsedOn: v('lapsed')};
  });
}

/** Drops empty strings, empty lists and undefined, so the request holds only what the user gave. */
export function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c === undefined || c === '' || (Array.isArray(c) && c.length === 0)) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}
