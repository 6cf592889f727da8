// Audit, for auditors: search the decision log and open one answer with its full explanation.
import {el, $, replace, start, api, problemView, busy, done, download, sortableTable} from './ui.js';
import {field, select} from './forms.js';
import {decisionView, assessmentView} from './answers.js';

const PAGE_SIZE = 25;
const KINDS = ['DECISION', 'ASSESSMENT', 'ROSTER', 'BATCH', 'RULESET'].map(value => ({value}));

const s = await start('audit:read');
if (s) {
  let page = 0;
  const results = el('section', {id: 'audit-results', 'aria-live': 'polite'});
  const detail = el('section', {id: 'audit-detail', 'aria-live': 'polite'});
  const form = el('form', {id: 'audit-form', class: 'panel'},
    el('div', {class: 'row'},
      field('f-person', 'Person (their own identifier)', el('input', {type: 'text', title: 'Hashed the same way as the log before the search'})),
      field('f-document', 'Document', el('input', {type: 'text'})),
      field('f-client', 'Client', el('input', {type: 'text'})),
      field('f-decision', 'Outcome', el('input', {type: 'text', placeholder: 'PERMIT, DENY, UNNECESSARY…'})),
      field('f-kind', 'Kind', select(KINDS, 'Any')),
      field('f-version', 'Rule-set version', el('input', {type: 'text'})),
      field('f-from', 'From (date)', el('input', {type: 'date'})),
      field('f-to', 'Until (date, inclusive)', el('input', {type: 'date'}))),
    el('button', {type: 'submit', id: 'search'}, 'Search'),
    el('button', {type: 'button', class: 'secondary', id: 'export-csv', onclick: exportCsv}, 'Download as CSV'),
    el('div', {}, field('open-id', 'Or open an answer by its id', el('input', {type: 'text'})),
      el('button', {type: 'button', class: 'secondary', id: 'open', onclick: () => openRecord($('#open-id').value.trim())}, 'Open')));
  replace($('main'), el('h1', {}, 'Audit'),
    el('p', {}, 'Every answer the service gave: who asked, about whom (pseudonymised), under which rule set, and the explanation given.'),
    form, el('div', {class: 'columns'}, results, detail));

  form.addEventListener('submit', event => { event.preventDefault(); page = 0; search(); });
  search();

  function query() {
    const q = new URLSearchParams();
    const put = (name, id) => { const v = $(id).value.trim(); if (v) q.set(name, v); };
    put('person', '#f-person'); put('documentId', '#f-document'); put('client', '#f-client');
    put('decision', '#f-decision'); put('kind', '#f-kind'); put('ruleSetVersion', '#f-version');
    if ($('#f-from').value) q.set('from', `${$('#f-from').value}T00:00:00Z`);
    if ($('#f-to').value) q.set('to', new Date(Date.parse(`${$('#f-to').value}T00:00:00Z`) + 86400000).toISOString());
    return q;
  }

  async function search() {
    busy(results, 'Searching…');
    const q = query();
    q.set('page', page);
    q.set('size', PAGE_SIZE);
    try {
      const p = await api(`/api/v1/audit/decisions?${q}`);
      const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
      replace(results, el('h2', {}, `${p.total} record${p.total === 1 ? '' : 's'}`),
        el('div', {class: 'table-wrap'}, sortableTable([
          {key: 'when', label: 'When', value: r => new Date(r.recordedAt).toLocaleString('en-GB'), sort: r => r.recordedAt},
          {key: 'kind', label: 'Kind', value: r => r.kind},
          {key: 'outcome', label: 'Outcome', value: r => r.outcome || ''},
          {key: 'document', label: 'Document', value: r => r.documentId || ''},
          {key: 'client', label: 'Client', value: r => r.clientId},
          {key: 'id', label: 'Answer', value: r => el('button', {type: 'button', class: 'secondary open-record', dataset: {id: r.id},
            onclick: () => openRecord(r.id)}, 'Open')},
        ], p.records, {id: 'audit-table', caption: `Page ${page + 1} of ${pages}, newest first`})),
        el('div', {class: 'toolbar'},
          el('button', {type: 'button', class: 'secondary', id: 'previous-page', disabled: page === 0,
            onclick: () => { page--; search(); }}, 'Previous page'),
          el('button', {type: 'button', class: 'secondary', id: 'next-page', disabled: page + 1 >= pages,
            onclick: () => { page++; search(); }}, 'Next page')));
    } catch (e) {
      replace(results, problemView(e));
    } finally {
      done(results);
    }
  }

  async function openRecord(id) {
    if (!id) return;
    busy(detail, 'Opening…');
    try {
      const entry = await api(`/api/v1/audit/decisions/${encodeURIComponent(id)}`);
      const r = entry.summary;
      replace(detail, el('h2', {}, `${r.kind} ${r.outcome || ''}`),
        el('dl', {class: 'facts', id: 'record-summary'},
          el('dt', {}, 'Answer id'), el('dd', {id: 'record-id'}, r.id),
          el('dt', {}, 'When'), el('dd', {}, new Date(r.recordedAt).toLocaleString('en-GB')),
          el('dt', {}, 'Client'), el('dd', {}, r.clientId),
          el('dt', {}, 'Endpoint'), el('dd', {}, r.endpoint),
          el('dt', {}, 'Person (pseudonym)'), el('dd', {}, el('code', {}, r.personPseudonym || '—')),
          el('dt', {}, 'Document'), el('dd', {}, r.documentId || '—'),
          el('dt', {}, 'Rule set'), el('dd', {}, el('code', {}, r.ruleSetVersion || '—')),
          el('dt', {}, 'Time taken'), el('dd', {}, `${(r.latencyMicros / 1000).toFixed(1)} ms`)),
        explained(r.kind, entry.response),
        el('details', {}, el('summary', {}, 'The request as recorded'), el('pre', {id: 'record-request'}, JSON.stringify(entry.request, null, 2))),
        el('details', {}, el('summary', {}, 'The answer as recorded'), el('pre', {}, JSON.stringify(entry.response, null, 2))));
    } catch (e) {
      replace(detail, problemView(e));
    } finally {
      done(detail);
    }
  }

  function explained(kind, response) {
    if (!response) return null;
    if (kind === 'DECISION' && response.decision) return decisionView(response);
    if (kind === 'ASSESSMENT' && response.reasons) return assessmentView(response, 'record-assessment');
    return null;
  }

  async function exportCsv() {
    try {
      const response = await api(`/api/v1/audit/decisions?${query()}`, {headers: {Accept: 'text/csv'}, raw: true});
      download('audit.csv', await response.blob());
    } catch (e) {
      replace(results, problemView(e));
    }
  }
}
