// "Can they see it?": the disclosure question as a form; the answer in plain English with its reasons.
import {el, $, replace, start, catalogue, api, problemView, busy, done, curl, copy} from './ui.js';
import {checkGroup, checked, setChecked, field, select, markingSelect, vettingLines, addVettingLine, readVettingLines, clean} from './forms.js';
import {decisionView, useLabels} from './answers.js';

const EXAMPLES = {
  'partner-secret-ctlp': {
    label: 'A council chief executive asks to read the SECRET CTLP once (a partner version exists)',
    request: {person: {id: 'la-ce-anytown', roles: ['LA_CHIEF_EXECUTIVE'], organisation: 'LOCAL_AUTHORITY', nationalities: ['GB'],
      vetting: [{level: 'BPSS', status: 'VERIFIED'}]},
    document: {id: 'ctlp-anytown-2026', marking: 'SECRET', category: 'CTLP_FULL', owner: 'POLICE',
      alternatives: [{id: 'ctlp-anytown-2026-partner', marking: 'RESTRICTED', category: 'CTLP_PARTNER'}]},
    access: {frequency: 'OCCASIONAL'}},
  },
  'lapsed-sc': {
    label: 'A new analyst whose SC lapsed eight months ago, for a SECRET assessment',
    request: {person: {id: 'analyst-joiner', roles: ['INTELLIGENCE_ANALYST'], organisation: 'POLICE', nationalities: ['GB'],
      vetting: [{level: 'SC', status: 'LAPSED', sponsor: 'Home Office', lapsedOn: '2026-03-01'}, {level: 'BPSS', status: 'VERIFIED'}]},
    document: {id: 'strategic-assessment-2026', marking: 'SECRET', category: 'STRATEGIC_ASSESSMENT', owner: 'POLICE'},
    access: {frequency: 'REGULAR'}},
  },
};

const s = await start('decide');
if (s) {
  const cat = await catalogue();
  useLabels(cat.labels);
  const main = $('main');
  const answer = el('section', {id: 'answer', 'aria-label': 'Answer'});
  const curlBox = el('pre', {id: 'curl', hidden: true});
  const copyStatus = el('p', {id: 'copy-status', role: 'status', class: 'small'});
  const example = select(Object.keys(EXAMPLES).map(value => ({value})), 'Start from an empty form');
  [...example.options].forEach(o => { if (EXAMPLES[o.value]) o.textContent = EXAMPLES[o.value].label; });

  const form = el('form', {id: 'ask-form', novalidate: true},
    field('example', 'Start from an example', example),
    el('fieldset', {}, el('legend', {}, 'The person'),
      field('person-id', 'Identifier (no names needed)', el('input', {type: 'text'})),
      field('organisation', 'Organisation', select(cat.organisations)),
      field('nationalities', 'Nationalities', el('input', {type: 'text', value: 'GB'}), 'ISO country codes, comma separated (GB for British).'),
      checkGroup('Roles', 'role', cat.roles, {hint: 'Several roles give the union of their need to know.'}),
      vettingLines(cat, 'Vetting held or claimed', 'vetting')),
    el('fieldset', {}, el('legend', {}, 'The document'),
      field('document-id', 'Identifier', el('input', {type: 'text'})),
      field('marking', 'Protective marking (GPMS or today\'s classifications)', markingSelect(cat)),
      field('scheme', 'Scheme', select(cat.schemes, 'Work it out from the marking')),
      field('category', 'Category', select(cat.categories, 'Not given')),
      field('owner', 'Owner', select(cat.owners, 'Not given (treated as police-owned)')),
      checkGroup('National caveats', 'caveat', cat.caveats),
      el('label', {class: 'inline'}, el('input', {type: 'checkbox', id: 'codeword'}), 'Codeword material'),
      field('created-on', 'Created on', el('input', {type: 'date'}), 'A GPMS marking on a document made after April 2014 is flagged.'),
      el('fieldset', {id: 'alternatives-field'}, el('legend', {}, 'Lower-marked versions of the same content'),
        el('div', {class: 'rows', id: 'alternative-lines'}),
        el('button', {type: 'button', class: 'secondary', id: 'add-alternative', onclick: () => addAlternative()}, 'Add a lower-marked version'))),
    el('fieldset', {}, el('legend', {}, 'The access'),
      field('frequency', 'How often, how supervised', select(cat.frequencies, 'Not given (regular access is assumed)')),
      field('via', 'How the material is reached', select(cat.accessRoutes || [], 'Not given (a shared copy is assumed)')),
      field('as-of', 'Answer as of', el('input', {type: 'date'}), 'Today when left empty.')),
    el('button', {type: 'submit', id: 'ask'}, 'Ask'),
    el('button', {type: 'button', class: 'secondary', id: 'copy-curl', onclick: () => {
      curlBox.hidden = false;
      curlBox.textContent = curl('/api/v1/decisions', request());
      copy(curlBox.textContent, copyStatus);
    }}, 'Copy as a curl command'),
    copyStatus, curlBox);

  replace(main, el('h1', {}, 'Can they see it?'),
    el('p', {}, 'Describe the person and the document. The answer says PERMIT or DENY, why, the vetting actually needed, and what could be offered instead.'),
    el('div', {class: 'columns'}, form, answer));

  function addAlternative(value = {}) {
    const rows = $('#alternative-lines');
    const n = rows.children.length + Date.now() % 1000 * 100;
    const marking = markingSelect(cat);
    marking.value = value.marking || 'OFFICIAL';
    const category = select(cat.categories, 'Same as the document');
    category.value = value.category || '';
    const row = el('div', {class: 'row alternative-line'},
      field(`alt${n}-id`, 'Identifier', el('input', {type: 'text', value: value.id || '', class: 'alt-id'})),
      field(`alt${n}-marking`, 'Marking', marking),
      field(`alt${n}-category`, 'Category', category),
      el('div', {}, el('button', {type: 'button', class: 'secondary', onclick: () => row.remove()}, 'Remove')));
    rows.append(row);
  }

  function request() {
    const alternatives = [...document.querySelectorAll('.alternative-line')].map(row => ({
      id: row.querySelector('[id$="-id"]').value, marking: row.querySelector('[id$="-marking"]').value,
      category: row.querySelector('[id$="-category"]').value}));
    return clean({
      person: {id: $('#person-id').value, roles: checked(form, 'role'), organisation: $('#organisation').value,
        nationalities: $('#nationalities').value.split(',').map(x => x.trim().toUpperCase()).filter(Boolean),
        vetting: readVettingLines($('#vetting-lines'))},
      document: {id: $('#document-id').value, marking: $('#marking').value, scheme: $('#scheme').value,
        category: $('#category').value, owner: $('#owner').value, caveats: checked(form, 'caveat'),
        codeword: $('#codeword').checked || undefined, createdOn: $('#created-on').value, alternatives},
      access: {frequency: $('#frequency').value, via: $('#via').value},
      asOf: $('#as-of').value});
  }

  function fill(r) {
    $('#person-id').value = r.person.id || '';
    $('#organisation').value = r.person.organisation;
    $('#nationalities').value = (r.person.nationalities || []).join(', ');
    setChecked(form, 'role', r.person.roles || []);
    replace($('#vetting-lines'));
    (r.person.vetting || []).forEach(v => addVettingLine($('#vetting-lines'), cat, v));
    $('#document-id').value = r.document.id || '';
    $('#marking').value = r.document.marking;
    $('#scheme').value = r.document.scheme || '';
    $('#category').value = r.document.category || '';
    $('#owner').value = r.document.owner || '';
    setChecked(form, 'caveat', r.document.caveats || []);
    $('#codeword').checked = !!r.document.codeword;
    replace($('#alternative-lines'));
    (r.document.alternatives || []).forEach(addAlternative);
    $('#frequency').value = (r.access && r.access.frequency) || '';
    $('#via').value = (r.access && r.access.via) || '';
  }

  example.addEventListener('change', () => {
    if (EXAMPLES[example.value]) fill(EXAMPLES[example.value].request);
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    busy(answer, 'Asking…');
    try {
      const d = await api('/api/v1/decisions', {method: 'POST', body: request()});
      replace(answer, decisionView(d));
    } catch (e) {
      replace(answer, problemView(e));
    } finally {
      done(answer);
      answer.scrollIntoView({block: 'nearest'});
    }
  });
  addVettingLine($('#vetting-lines'), cat, {level: 'BPSS', status: 'VERIFIED'});
}
