// "What vetting does this post need?": one post as a form, or a roster as a CSV upload with a summary,
// charts of verdicts and cost avoided, a sortable table and a CSV download.
import {el, $, replace, start, catalogue, api, apiKey, ApiError, problemView, busy, done, download, money, barChart, sortableTable, curl, copy} from './ui.js';
import {checkGroup, checked, field, select, markingSelect, vettingLines, readVettingLines, clean} from './forms.js';
import {assessmentView, useLabels} from './answers.js';

const VERDICTS = ['UNNECESSARY', 'NECESSARY', 'INSUFFICIENT', 'ALREADY_HELD', 'TRANSFER', 'OUT_OF_SCOPE'];
const VERDICT_COLOURS = {UNNECESSARY: '#00703c', NECESSARY: '#1d4f91', INSUFFICIENT: '#b10e1e', ALREADY_HELD: '#505a5f',
  TRANSFER: '#5694ca', OUT_OF_SCOPE: '#6f777b'};

const s = await start('assess');
if (s) {
  const cat = await catalogue();
  useLabels(cat.labels);
  const answer = el('section', {id: 'post-answer', 'aria-label': 'Assessment'});
  const curlBox = el('pre', {id: 'post-curl', hidden: true});
  const copyStatus = el('p', {role: 'status', class: 'small'});
  const postForm = el('form', {id: 'post-form', novalidate: true},
    el('fieldset', {}, el('legend', {}, 'The post'),
      checkGroup('Roles', 'post-role', cat.roles, {hint: 'Several roles held together are combined.'}),
      field('post-organisation', 'Organisation', select(cat.organisations)),
      field('requested', 'Vetting about to be requested', select(cat.vettingLevels, 'Nothing yet: tell me what is needed')),
      field('post-as-of', 'Assess as of', el('input', {type: 'date'}), 'Today when left empty.')),
    vettingLines(cat, 'Vetting the person already holds', 'held'),
    el('fieldset', {id: 'profile'}, el('legend', {}, 'What the post handles (optional)'),
      el('p', {class: 'hint'}, "Leave empty to use the roles' typical work from the rule set; the answer says so."),
      el('div', {class: 'rows', id: 'profile-lines'}),
      el('button', {type: 'button', class: 'secondary', id: 'add-profile', onclick: () => addProfileLine()}, 'Add a kind of material')),
    el('button', {type: 'submit', id: 'assess'}, 'Assess this post'),
    el('button', {type: 'button', class: 'secondary', id: 'post-copy-curl', onclick: () => {
      curlBox.hidden = false;
      curlBox.textContent = curl('/api/v1/vetting-assessments', postRequest());
      copy(curlBox.textContent, copyStatus);
    }}, 'Copy as a curl command'), copyStatus, curlBox);

  const rosterResult = el('section', {id: 'roster-result', 'aria-label': 'Roster results'});
  const progress = el('progress', {id: 'roster-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress'});
  const rosterForm = el('form', {id: 'roster-form'},
    field('roster-file', 'Roster (CSV)', el('input', {type: 'file', accept: '.csv,text/csv', required: true}),
      'One person a line. Columns: personId, roles (several joined by ;), organisation, requestedVetting, held (LEVEL:STATUS[:DATE], several joined by ;), accessProfile (MARKING:FREQUENCY[:CATEGORY[:OWNER]], several joined by ;, optional), asOf.'),
    el('button', {type: 'submit', id: 'assess-roster'}, 'Assess the roster'), progress);

  replace($('main'), el('h1', {}, 'What vetting is needed?'),
    el('p', {}, 'Check a vetting request before it is made: nobody should be vetted for access they could already have.'),
    el('div', {class: 'columns'},
      el('section', {'aria-labelledby': 'one-post'}, el('h2', {id: 'one-post'}, 'One post'), postForm),
      answer),
    el('section', {'aria-labelledby': 'roster-heading'}, el('h2', {id: 'roster-heading'}, 'A whole roster'), rosterForm, rosterResult));

  function addProfileLine() {
    const rows = $('#profile-lines');
    const n = rows.children.length + Date.now() % 1000 * 100;
    const row = el('div', {class: 'row profile-line'},
      field(`p${n}-marking`, 'Marking', markingSelect(cat)),
      field(`p${n}-frequency`, 'How often', select(cat.frequencies)),
      field(`p${n}-category`, 'Category', select(cat.categories, 'Not given')),
      field(`p${n}-owner`, 'Owner', select(cat.owners, 'Not given')),
      el('label', {class: 'inline'}, el('input', {type: 'checkbox', id: `p${n}-codeword`}), 'Codeword'),
      el('label', {class: 'inline'}, el('input', {type: 'checkbox', id: `p${n}-via`}), 'Through police systems or premises'),
      el('div', {}, el('button', {type: 'button', class: 'secondary', onclick: () => row.remove()}, 'Remove')));
    rows.append(row);
  }

  function postRequest() {
    const accessProfile = [...document.querySelectorAll('.profile-line')].map(row => {
      const v = x => row.querySelector(`[id$="-${x}"]`);
      return {marking: v('marking').value, frequency: v('frequency').value, category: v('category').value,
        owner: v('owner').value, codeword: v('codeword').checked || undefined,
        via: v('via').checked ? 'POLICE_SYSTEMS' : undefined};
    });
    return clean({roles: checked(postForm, 'post-role'), organisation: $('#post-organisation').value,
      requestedVetting: $('#requested').value, held: readVettingLines($('#held-lines')), accessProfile, asOf: $('#post-as-of').value});
  }

  postForm.addEventListener('submit', async event => {
    event.preventDefault();
    busy(answer, 'Assessing…');
    try {
      replace(answer, assessmentView(await api('/api/v1/vetting-assessments', {method: 'POST', body: postRequest()})));
    } catch (e) {
      replace(answer, problemView(e));
    } finally {
      done(answer);
    }
  });

  rosterForm.addEventListener('submit', async event => {
    event.preventDefault();
    const file = $('#roster-file').files[0];
    if (!file) {
      replace(rosterResult, el('p', {class: 'error', role: 'alert'}, 'Choose a CSV file first.'));
      return;
    }
    busy(rosterResult, `Uploading ${file.name}…`);
    progress.hidden = false;
    progress.value = 0;
    try {
      const roster = await uploadRoster(file, fraction => {
        progress.value = Math.round(fraction * 100);
        if (fraction >= 1) replace(rosterResult, el('p', {class: 'progress', role: 'status'},
          el('span', {class: 'spinner', 'aria-hidden': 'true'}), `Assessing ${file.name}…`));
      });
      showRoster(roster, file);
    } catch (e) {
      replace(rosterResult, problemView(e));
    } finally {
      progress.hidden = true;
      done(rosterResult);
    }
  });

  function showRoster(roster, file) {
    const sum = roster.summary;
    const rows = roster.results.map(r => ({personId: r.personId, ...r.assessment}));
    const costRows = VERDICTS.map(v => ({verdict: v, rows: rows.filter(r => r.verdict === v)}))
      .filter(g => g.rows.length && g.rows.some(r => r.costAvoided && r.costAvoided.max > 0))
      .map(g => {
        const min = g.rows.reduce((t, r) => t + (r.costAvoided ? r.costAvoided.min : 0), 0);
        const max = g.rows.reduce((t, r) => t + (r.costAvoided ? r.costAvoided.max : 0), 0);
        return {label: g.verdict, value: max, text: money({min, max}), colour: VERDICT_COLOURS[g.verdict]};
      });
    const csvButton = el('button', {type: 'button', class: 'secondary', id: 'roster-csv', onclick: async () => {
      try {
        const response = await api('/api/v1/vetting-assessments/roster', {method: 'POST', body: file,
          headers: {'Content-Type': 'text/csv', 'Accept': 'text/csv'}, raw: true});
        download(file.name.replace(/\.csv$/i, '') + '-assessed.csv', await response.blob());
      } catch (e) {
        rosterResult.prepend(problemView(e));
      }
    }}, 'Download the results as CSV');
    replace(rosterResult,
      el('h3', {}, `${sum.people} people assessed`),
      el('dl', {class: 'facts', id: 'roster-summary'},
        VERDICTS.map(v => [el('dt', {}, v.replaceAll('_', ' ').toLowerCase()), el('dd', {id: `count-${v}`}, sum.byVerdict[v] ?? 0)]),
        el('dt', {}, 'Cost avoided'), el('dd', {id: 'roster-cost'}, money(sum.costAvoided)),
        el('dt', {}, 'Delay avoided'), el('dd', {}, `${sum.leadTimeAvoidedDays} days in all`),
        el('dt', {}, 'Over-vetted'), el('dd', {id: 'over-vetted'}, sum.overVetted.join(', ') || 'nobody'),
        el('dt', {}, 'Under-vetted'), el('dd', {id: 'under-vetted'}, sum.underVetted.join(', ') || 'nobody')),
      el('div', {class: 'columns'},
        barChart('Verdicts', VERDICTS.map(v => ({label: v.replaceAll('_', ' ').toLowerCase(), value: sum.byVerdict[v] ?? 0,
          colour: VERDICT_COLOURS[v]})), {id: 'verdict-chart'}),
        costRows.length ? barChart('Cost avoided, by verdict (GBP, upper estimate drawn)', costRows, {id: 'cost-chart'})
          : el('p', {id: 'cost-chart'}, 'No cost avoided: every request is needed.')),
      csvButton,
      el('div', {class: 'table-wrap'}, sortableTable([
        {key: 'person', label: 'Person', value: r => r.personId},
        {key: 'verdict', label: 'Verdict', value: r => r.verdict || '—'},
        {key: 'requested', label: 'Requested', value: r => r.requestedVetting || '—'},
        {key: 'required', label: 'Needs', value: r => r.requiredVetting},
        {key: 'police', label: 'Police vetting', value: r => r.requiredPoliceVetting || 'NONE'},
        {key: 'held', label: 'Holds', value: r => r.effectiveVetting || 'none'},
        {key: 'cost', label: 'Cost avoided', value: r => money(r.costAvoided), sort: r => r.costAvoided ? r.costAvoided.max : 0},
        {key: 'days', label: 'Days avoided', value: r => r.leadTimeAvoidedDays || 0, sort: r => r.leadTimeAvoidedDays || 0},
        {key: 'over', label: 'Over-vetted', value: r => r.overVetted ? 'yes' : ''},
        {key: 'summary', label: 'In one sentence', value: r => r.summary || ''},
      ], rows, {id: 'roster-table', caption: 'Every person (select a heading to sort)'})));
  }
}

/** XMLHttpRequest rather than fetch: it reports upload progress for a large roster. */
function uploadRoster(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/vetting-assessments/roster');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-API-Key', apiKey());
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, {title: 'No answer', detail: 'The service could not be reached.'}));
    xhr.send(file);
  });
}
