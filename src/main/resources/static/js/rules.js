// Rules, for policy staff: browse the live rule set (tables as tables, DRL with line numbers), edit a cell or a
// file, test the change as a candidate (PASS/FAIL, expected against actual, impact on recent real answers),
// publish it, and roll back from the version history. Nothing goes live without passing its tests.
import {el, $, replace, start, can, api, problemView, busy, done, barChart, download} from './ui.js';

const s = await start('rules:read');
if (s) {
  const writer = can(s, 'rules:write');
  // rule code (.drl, .drt) is a separate right: a key without rules:code sees it read-only
  const coder = writer && can(s, 'rules:code');
  const isCode = path => /\.(drl|drt)$/.test(path);
  const editable = path => writer && (coder || !isCode(path));
  const live = {};          // path → live content
  const changes = {};       // path → edited content
  let active, current = null, candidate = null, highlight = null, textMode = false;

  const fileList = el('nav', {id: 'file-list', 'aria-label': 'Rule files'});
  const status = el('section', {id: 'rule-set-status', 'aria-live': 'polite'});
  const viewer = el('section', {id: 'viewer', 'aria-label': 'File'});
  const report = el('section', {id: 'candidate-report', 'aria-live': 'polite'});
  const history = el('section', {id: 'history'});
  const changeBar = writer ? el('form', {id: 'change-form', class: 'panel'},
    el('h2', {}, 'Your changes'),
    el('p', {id: 'changed-files'}, 'No changes yet.'),
    el('label', {for: 'change-label'}, 'What the change is (kept with the version)'),
    el('input', {type: 'text', id: 'change-label'}),
    el('button', {type: 'submit', id: 'test-changes', disabled: true}, 'Test the changes'),
    el('button', {type: 'button', class: 'secondary', id: 'discard-changes', disabled: true, onclick: discardAll}, 'Discard all changes'))
    : el('p', {class: 'panel'}, 'This key may read the rules but not change them (scope rules:write).');

  replace($('main'), el('h1', {}, 'Rules'), status,
    el('div', {class: 'layout-rules'}, fileList, el('div', {}, viewer, changeBar, report)),
    history);

  if (writer) changeBar.addEventListener('submit', testChanges);
  await refresh();

  async function refresh() {
    active = await api('/api/v1/rule-sets/active');
    const versions = await api('/api/v1/rule-sets/versions');
    await Promise.all(active.files.filter(f => !(f in live)).map(async f => {
      const response = await api(`/api/v1/rule-sets/active/files/${f}`, {headers: {Accept: 'text/plain'}, raw: true});
      live[f] = await response.text();
    }));
    drawStatus();
    drawFiles();
    drawHistory(versions);
    if (!current || !active.files.includes(current)) current = active.files.find(f => f.endsWith('minimum-vetting.csv')) || active.files[0];
    drawFile();
  }

  function drawStatus() {
    const t = active.tests;
    replace(status, el('p', {},
      'Live version ', el('code', {id: 'live-version'}, active.version), ` · ${active.ruleCount} rules · `,
      el('span', {class: t.failed ? 'fail' : 'ok', id: 'live-tests'}, `${t.passed} passed, ${t.failed} failed`),
      active.reload && active.reload.status ? el('span', {class: 'small'}, ` · last reload from disk: ${active.reload.status}`) : null));
  }

  function drawFiles() {
    const folders = {};
    active.files.forEach(f => (folders[f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.'] ??= []).push(f));
    const list = files => el('ul', {class: 'files'}, files.map(f => el('li', {}, el('button', {type: 'button',
      class: f in changes ? 'changed' : null, 'aria-current': f === current ? 'true' : null, dataset: {path: f},
      onclick: () => open(f)}, f.slice(f.lastIndexOf('/') + 1)))));
    // Scenario folders are long: folded unless one of their files is open or changed.
    replace(fileList, el('h2', {}, 'Files'), Object.entries(folders).map(([folder, files]) => folder.endsWith('scenarios')
      ? el('details', {open: files.some(f => f === current || f in changes) ? true : null},
          el('summary', {}, `${folder} (${files.length})`), list(files))
      : el('div', {}, el('h3', {}, folder), list(files))));
  }

  function open(path, line) {
    current = path;
    highlight = line || null;
    textMode = false;
    drawFiles();
    drawFile();
    viewer.scrollIntoView({block: 'start'});
  }

  function content(path) {
    return path in changes ? changes[path] : live[path];
  }

  function setContent(path, text) {
    if (text === live[path]) delete changes[path]; else changes[path] = text;
    drawChangeBar();
    const button = $(`#file-list button[data-path="${CSS.escape(path)}"]`);
    if (button) button.classList.toggle('changed', path in changes);
    if (path === current) drawTools();
  }

  function drawChangeBar() {
    if (!writer) return;
    const paths = Object.keys(changes);
    replace($('#changed-files'), paths.length ? ['Changed: ', paths.map((p, i) => [i ? ', ' : '', el('code', {}, p)])] : 'No changes yet.');
    $('#test-changes').disabled = !paths.length;
    $('#discard-changes').disabled = !paths.length;
  }

  function drawFile() {
    const path = current;
    const text = content(path) ?? '';
    const tools = el('div', {class: 'toolbar', id: 'file-tools'});
    if (path.endsWith('.csv') && !textMode) replace(viewer, tools, csvEditor(path, text));
    else if (editable(path) && (textMode || path in changes || !path.endsWith('.csv'))) replace(viewer, tools, textEditor(path, text));
    else replace(viewer, tools, codeView(text));
    drawTools();
    const target = $('.highlight', viewer);
    if (target) target.scrollIntoView({block: 'center'});
  }

  /** The file's title and buttons, drawn again whenever the file changes so that Revert is there when needed. */
  function drawTools() {
    const path = current;
    const tools = $('#file-tools');
    if (!tools) return;
    replace(tools,
      el('h2', {id: 'file-title'}, path),
      path in changes ? el('span', {class: 'badge'}, 'changed') : null,
      writer && !editable(path) ? el('p', {class: 'hint', id: 'read-only-code'}, 'Rule code is read-only for this key: '
        + 'changing a .drl or .drt file needs the scope rules:code, held by administrators. Tables and scenarios can be edited.') : null,
      writer && path.endsWith('.csv') ? el('button', {type: 'button', class: 'secondary', id: 'toggle-text',
        onclick: () => { textMode = !textMode; drawFile(); }}, textMode ? 'Edit as a table' : 'Edit as text') : null,
      writer && path in changes ? el('button', {type: 'button', class: 'secondary', id: 'revert-file',
        onclick: () => { setContent(path, live[path]); drawFile(); }}, 'Revert this file') : null,
      path.endsWith('.csv') ? el('button', {type: 'button', class: 'secondary', id: 'download-xlsx',
        title: 'The live table as one sheet: comment lines kept, header row frozen, allowed values as drop-downs',
        onclick: () => downloadWorkbook(path)}, 'Download for Excel (.xlsx)') : null,
      writer && path.endsWith('.csv') ? el('label', {class: 'secondary', for: 'upload-xlsx'}, 'Test a changed workbook: ',
        el('input', {type: 'file', id: 'upload-xlsx', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          onchange: event => testWorkbook(path, event.target)})) : null,
      writer && path.endsWith('.csv') ? el('p', {class: 'hint'}, 'A workbook is tested exactly as an edit here: '
        + 'its sheet becomes this file, with your other changes. Its row numbers are the file\'s line numbers.') : null);
  }

  async function downloadWorkbook(path) {
    try {
      const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.csv$/, '.xlsx');
      const response = await api(`/api/v1/rule-sets/active/workbooks/${path.replace(/\.csv$/, '.xlsx')}`,
        {headers: {Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}, raw: true});
      download(name, await response.blob());
    } catch (e) {
      replace(report, problemView(e));
    }
  }

  /** A workbook for the open table, with the other changes made here, as one candidate: the same tests as any edit. */
  async function testWorkbook(path, input) {
    const file = input.files[0];
    if (!file) return;
    const form = new FormData();
    Object.entries(changes).filter(([p]) => p !== path)
      .forEach(([p, text]) => form.append(p, new Blob([text], {type: 'text/plain'}), p.slice(p.lastIndexOf('/') + 1)));
    form.append(path, file, file.name);
    form.append('label', $('#change-label').value || `${path} from ${file.name}`);
    busy(report, `Reading ${file.name}, compiling, testing and measuring the impact…`);
    try {
      candidate = await api('/api/v1/rule-sets/candidates', {method: 'POST', body: form});
      drawReport();
    } catch (e) {
      replace(report, problemView(e));
    } finally {
      done(report);
      input.value = '';
    }
  }

  function codeView(text) {
    return el('pre', {class: 'code', id: 'code'}, el('ol', {}, text.split('\n').map((line, i) =>
      el('li', {class: highlight === i + 1 ? 'highlight' : null, dataset: {line: i + 1}}, line || ' '))));
  }

  function textEditor(path, text) {
    const area = el('textarea', {id: 'file-text', rows: Math.min(40, text.split('\n').length + 2), spellcheck: 'false'});
    area.value = text;
    area.addEventListener('input', () => setContent(path, area.value));
    return el('div', {},
      el('label', {for: 'file-text'}, `Edit ${path}`, el('span', {class: 'hint'}, ' (line numbers are shown below)')),
      area,
      el('details', {open: highlight ? true : null}, el('summary', {}, 'Show with line numbers'), codeView(text)));
  }

  /** A table shown as a table: comment lines as notes, one input per cell; an edit rewrites only its line. */
  function csvEditor(path, text) {
    const lines = text.split('\n');
    const notes = [];
    let header = null;
    const rows = [];
    lines.forEach((line, i) => {
      if (!line.trim() || line.trimStart().startsWith('#')) { if (!header && line.trim()) notes.push(line.replace(/^\s*#\s?/, '')); return; }
      if (!header) header = splitCsv(line);
      else rows.push({line: i + 1, cells: splitCsv(line)});
    });
    if (!header) return el('p', {}, 'This table has no header row.');
    const liveRows = new Map();
    (live[path] ?? '').split('\n').forEach((line, i) => liveRows.set(i + 1, line));
    const table = el('table', {class: 'data', id: 'csv-table'},
      el('caption', {}, `${rows.length} rows; line numbers are those of the file`),
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'line'), header.map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, rows.map(row => el('tr', {class: highlight === row.line ? 'highlight' : null, dataset: {line: row.line}},
        el('th', {scope: 'row'}, row.line),
        header.map((column, c) => {
          const value = row.cells[c] ?? '';
          const liveCells = splitCsv(liveRows.get(row.line) ?? '');
          const changed = (liveCells[c] ?? '') !== value;
          if (!writer) return el('td', {}, value);
          const input = el('input', {type: 'text', value, 'aria-label': `line ${row.line}, ${column}`,
            dataset: {line: row.line, column}, size: Math.max(4, Math.min(40, value.length + 1))});
          input.addEventListener('change', () => {
            row.cells[c] = input.value;
            lines[row.line - 1] = joinCsv(row.cells);
            setContent(path, lines.join('\n'));
            input.parentElement.classList.toggle('changed', (liveCells[c] ?? '') !== input.value);
          });
          return el('td', {class: changed ? 'changed' : null}, input);
        })))));
    return el('div', {}, notes.length ? el('div', {class: 'small'}, notes.map(n => el('p', {}, n))) : null,
      el('div', {class: 'table-wrap'}, table));
  }

  function discardAll() {
    Object.keys(changes).forEach(p => delete changes[p]);
    drawChangeBar();
    drawFiles();
    drawFile();
    replace(report);
  }

  async function testChanges(event) {
    event.preventDefault();
    busy(report, 'Compiling, testing and measuring the impact…');
    try {
      candidate = await api('/api/v1/rule-sets/candidates', {method: 'POST',
        body: {label: $('#change-label').value || undefined, files: {...changes}}});
      drawReport();
    } catch (e) {
      replace(report, problemView(e));
    } finally {
      done(report);
    }
  }

  function where(file, line, column) {
    if (!file) return null;
    const text = `${file}${line ? `:${line}` : ''}${column ? ` (column ${column})` : ''}`;
    return el('button', {type: 'button', class: 'secondary goto', onclick: () => open(file, line)}, text);
  }

  function drawReport() {
    const c = candidate;
    const t = c.tests;
    const failing = t ? t.scenarios.filter(x => !x.passed) : [];
    const findings = t ? t.tableFindings : [];
    replace(report, el('h2', {}, 'Test results'),
      el('p', {id: 'candidate-verdict', class: c.publishable ? 'ok' : 'fail'},
        !c.problems.length ? (c.publishable ? 'PASS: it compiles and every test passes.' : 'FAIL: it compiles, but tests fail.')
          : 'FAIL: it does not compile.'),
      t ? el('p', {id: 'candidate-counts'}, `${t.passed} passed, ${t.failed} failed`) : null,
      c.version ? el('p', {class: 'small'}, 'Candidate version ', el('code', {id: 'candidate-version'}, c.version)) : null,
      c.problems.length ? el('section', {id: 'compile-problems'}, el('h3', {}, 'What is wrong'),
        el('ul', {}, c.problems.map(p => el('li', {}, where(p.file, p.line, p.column), ' ', p.rule ? el('code', {}, p.rule) : null, ' ', p.message))))
        : null,
      failing.length ? el('section', {id: 'failing-scenarios'}, el('h3', {}, 'Scenarios that fail'),
        el('ul', {}, failing.map(x => el('li', {}, el('span', {class: 'fail'}, 'FAIL'), ' ', where(x.file), ' ', x.description,
          el('ul', {class: 'mismatches'}, x.mismatches.map(m => el('li', {}, el('code', {}, m)))))))) : null,
      findingsView('table-errors', 'Table errors', findings.filter(f => f.severity === 'ERROR')),
      t && t.neverFired.length ? el('section', {id: 'never-fired'}, el('h3', {}, 'Rules no scenario fires'),
        el('p', {}, t.neverFired.join(', '))) : null,
      t && t.contradictions && t.contradictions.length ? el('details', {id: 'contradictions', open: ''},
        el('summary', {}, `${t.contradictions.length} answers that contradict themselves (they do not stop publishing; the build fails on them)`),
        findingsView(null, null, t.contradictions)) : null,
      c.impact ? impactView(c.impact) : null,
      writer ? publishForm(c) : null,
      findings.some(f => f.severity !== 'ERROR') ? el('details', {id: 'table-warnings'},
        el('summary', {}, `${findings.filter(f => f.severity !== 'ERROR').length} table warnings (they do not stop publishing)`),
        findingsView(null, null, findings.filter(f => f.severity !== 'ERROR'))) : null);
  }

  function findingsView(id, title, findings) {
    if (!findings.length) return null;
    return el('section', {id}, title ? el('h3', {}, title) : null,
      el('ul', {}, findings.map(f => el('li', {}, el('span', {class: f.severity === 'ERROR' ? 'fail' : 'warn'}, f.severity), ' ',
        where(f.file, f.line, f.column), ' ', f.message))));
  }

  function impactView(impact) {
    return el('section', {id: 'impact'}, el('h3', {}, 'What would change'),
      el('p', {}, `${impact.examined} recent answers, scenarios and examples replayed; ${impact.changes.length} would change.`),
      impact.summary.length ? el('ul', {id: 'impact-summary'}, impact.summary.map(x => el('li', {}, x))) : null,
      impact.changes.length ? flips(impact.changes) : null,
      impact.changes.length ? el('div', {class: 'table-wrap'}, el('table', {class: 'data', id: 'impact-table'},
        el('thead', {}, el('tr', {}, ['Where from', 'Question', 'Now', 'With the change', 'Deciding rule'].map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, impact.changes.slice(0, 200).map(x => el('tr', {},
          el('td', {}, x.source), el('td', {}, x.question), el('td', {}, x.before), el('td', {}, x.after), el('td', {}, el('code', {}, x.rule)))))))
        : null);
  }

  /** What the change flips, as a picture: one bar per kind of change (before → after). */
  function flips(changes) {
    const counts = new Map();
    changes.forEach(x => {
      const key = `${x.before} → ${x.after}`;
      counts.set(key, (counts.get(key) || 0) + 1);
    });
    const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)
      .map(([label, value]) => ({label: label.length > 44 ? `${label.slice(0, 43)}…` : label, value, text: `${value}`}));
    return barChart('Answers that would change, by kind', rows, {id: 'impact-chart'});
  }

  function publishForm(c) {
    const form = el('form', {id: 'publish-form'},
      el('label', {for: 'publish-reason'}, 'Why it goes live (recorded in the history and the decision log)'),
      el('input', {type: 'text', id: 'publish-reason', required: true}),
      el('button', {type: 'submit', id: 'publish', disabled: !c.publishable}, 'Publish'),
      c.publishable ? null : el('p', {class: 'hint'}, 'Only a candidate that compiles and passes every test can be published.'),
      el('div', {id: 'publish-result', role: 'status'}));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        const a = await api(`/api/v1/rule-sets/candidates/${encodeURIComponent(c.id)}/publish`, {method: 'POST',
          body: {reason: $('#publish-reason').value}});
        Object.keys(changes).forEach(p => delete changes[p]);
        Object.keys(live).forEach(p => delete live[p]);
        candidate = null;
        await refresh();
        drawChangeBar();
        replace(report, el('p', {class: 'ok', id: 'published', role: 'status'}, `Published: ${a.toVersion} is live (was ${a.fromVersion}).`));
      } catch (e) {
        replace($('#publish-result'), problemView(e));
      }
    });
    return form;
  }

  function drawHistory(versions) {
    // versions that answered before are a roll back; a candidate never published goes live only if its tests pass
    const wasLive = new Set(active.history.flatMap(e => [e.fromVersion, e.toVersion]).filter(Boolean));
    const reason = writer ? el('div', {}, el('label', {for: 'rollback-reason'}, 'Why (for a roll back)'),
      el('input', {type: 'text', id: 'rollback-reason'})) : null;
    replace(history, el('h2', {}, 'Version history'), reason,
      el('div', {class: 'table-wrap'}, el('table', {class: 'data', id: 'versions'},
        el('thead', {}, el('tr', {}, ['Version', 'Label', 'First seen', 'Rules', ''].map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, versions.map(v => el('tr', {dataset: {version: v.version}},
          el('td', {}, el('code', {}, v.version)), el('td', {}, v.label || ''), el('td', {}, new Date(v.firstSeenAt).toLocaleString('en-GB')),
          el('td', {}, v.ruleCount),
          el('td', {}, v.version === active.version ? el('strong', {}, 'live')
            : writer ? el('button', {type: 'button', class: 'secondary activate', dataset: {version: v.version},
              onclick: () => activate(v.version)}, wasLive.has(v.version) ? 'Make live again' : 'Make live (if its tests pass)')
            : '')))))),
      el('h3', {}, 'Activations'),
      el('ul', {id: 'activations'}, active.history.map(e => el('li', {},
        `${new Date(e.at).toLocaleString('en-GB')}: ${e.kind} ${e.fromVersion ? `${e.fromVersion} → ` : ''}${e.toVersion} by ${e.actor}`,
        e.reason && e.reason !== 'null' ? ` — ${e.reason}` : ''))),
      el('div', {id: 'rollback-result', role: 'status'}));
  }

  async function activate(version) {
    try {
      const a = await api(`/api/v1/rule-sets/${encodeURIComponent(version)}/activate`, {method: 'POST',
        body: {reason: $('#rollback-reason').value || undefined}});
      Object.keys(live).forEach(p => delete live[p]);
      await refresh();
      replace($('#rollback-result'), el('p', {class: 'ok', id: 'rolled-back'}, `${a.kind}: ${a.toVersion} is live again (was ${a.fromVersion}).`));
    } catch (e) {
      replace($('#rollback-result'), problemView(e));
    }
  }
}

/** The same CSV reading as the service's tables: commas separate, double quotes protect, "" is a quote. */
function splitCsv(line) {
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function joinCsv(cells) {
  return cells.map(c => /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c).join(',');
}
