// How answers are shown: a disclosure decision and a vetting assessment, each in plain English with its reasons.
// Used by the ask and assess pages and by the audit page, so an answer looks the same wherever it is read.
import {el, money} from './ui.js';

// Code → label, from /api/v1/catalogue (the rules' catalogue/labels.csv); codes show as they are until it is given.
let LABELS = {};

/** Names codes by the rules' labels from now on: call with the catalogue's labels once it is loaded. */
export function useLabels(labels) {
  LABELS = labels || {};
}

function label(code) {
  return code == null ? code : (LABELS[code] || code);
}

/** The answer's one sentence, in large type above the detail; an answer kept from before summaries falls back. */
function summary(text, fallback) {
  return el('p', {class: 'summary', id: 'summary'}, text || fallback);
}

// The service puts the deciding reason first, then what would change the answer, then notes: keep its order.
export function reasonsList(reasons, id) {
  return el('ol', {class: 'reasons', id}, (reasons || []).map(r => el('li', {class: `reason ${String(r.effect).toLowerCase()}`},
    el('span', {class: 'effect'}, r.effect), ' ',
    el('span', {class: 'message'}, r.message),
    el('div', {class: 'source'}, el('code', {}, r.rule), r.source ? ` · ${r.source}` : ''))));
}

function list(title, items, id) {
  if (!items || !items.length) return null;
  return el('section', {class: 'sub', id}, el('h3', {}, title), el('ul', {}, items.map(i => el('li', {}, i))));
}

/** A disclosure decision: PERMIT/DENY in large type, needed vs held, reasons, alternatives, conditions. */
export function decisionView(d) {
  const permit = d.decision === 'PERMIT';
  const police = d.policeVetting;
  const permittedAlternatives = (d.alternatives || []).filter(a => a.decision === 'PERMIT');
  return el('article', {class: 'answer', id: 'decision-answer', 'aria-live': 'polite'},
    el('p', {class: `verdict ${permit ? 'permit' : 'deny'}`, id: 'decision'}, d.decision),
    summary(d.summary, permit ? 'This person may see this document.' : 'This person may not see this document as things stand.'),
    el('dl', {class: 'facts'},
      el('dt', {}, 'Vetting needed'), el('dd', {id: 'required-vetting'}, label(d.requiredVetting) || '—'),
      el('dt', {}, 'Vetting held that counts'), el('dd', {id: 'effective-vetting'}, label(d.effectiveVetting) || 'none'),
      police ? [el('dt', {}, 'Police vetting needed'), el('dd', {id: 'police-required'}, label(police.required) || '—'),
        el('dt', {}, 'Police vetting held'), el('dd', {}, label(police.effective) || 'none')] : null,
      el('dt', {}, 'Need to know'), el('dd', {id: 'need-to-know'}, d.needToKnow ? 'yes' : 'no'),
      d.marking ? [el('dt', {}, 'Marking'), el('dd', {}, `${label(d.marking.value)} (${label(d.marking.scheme)})`,
        d.marking.treatedAs && d.marking.treatedAs !== d.marking.value ? ` — treated as ${label(d.marking.treatedAs)}` : '')] : null,
      d.access ? [el('dt', {}, 'Access'), el('dd', {}, label(d.access.frequency), d.access.assumed ? ' (assumed: none was given)' : '')] : null),
    el('section', {class: 'sub'}, el('h3', {}, 'Why'), reasonsList(d.reasons, 'reasons')),
    permittedAlternatives.length ? el('section', {class: 'sub', id: 'alternatives'}, el('h3', {}, 'Offer instead'),
      el('ul', {}, permittedAlternatives.map(a => el('li', {},
        el('strong', {}, a.id), ` (${label(a.marking)}) would be permitted`, a.requiredVetting ? ` — needs ${label(a.requiredVetting)}` : ''))))
      : null,
    (d.alternatives || []).some(a => a.decision !== 'PERMIT') ? list('Alternatives that would not be permitted either',
      d.alternatives.filter(a => a.decision !== 'PERMIT').map(a => `${a.id} (${label(a.marking)}): ${a.decision}`), 'refused-alternatives') : null,
    list('Handling conditions', (d.conditions || []).map(c => c.message || c), 'conditions'),
    list('Recommendations', d.recommendations, 'recommendations'),
    list('Facts that would change the answer', (d.missingFacts || []).map(m => m.message || m), 'missing-facts'),
    footer(d.decisionId, d.ruleSet));
}

const VERDICT_WORDS = {
  UNNECESSARY: 'The vetting requested is not needed.',
  NECESSARY: 'The vetting requested is needed.',
  INSUFFICIENT: 'The vetting requested is not enough.',
  ALREADY_HELD: 'The person already holds what the post needs.',
  TRANSFER: 'A clearance that lapsed recently covers it: ask for a transfer instead of new vetting.',
  OUT_OF_SCOPE: 'The advisor cannot decide this request: see the reasons.',
};

/** A vetting assessment: the verdict, what the post needs against what is requested and held, cost avoided. */
export function assessmentView(a, id = 'assessment-answer') {
  return el('article', {class: 'answer', id, 'aria-live': 'polite'},
    el('p', {class: `verdict ${String(a.verdict).toLowerCase()}`, id: 'verdict'}, a.verdict ? a.verdict.replaceAll('_', ' ') : 'NEEDED'),
    summary(a.summary, VERDICT_WORDS[a.verdict] || `The post needs ${label(a.requiredVetting)}.`),
    el('dl', {class: 'facts'},
      el('dt', {}, 'Vetting the post needs'), el('dd', {id: 'assessed-required'}, label(a.requiredVetting) || '—'),
      el('dt', {}, 'Police vetting it needs'), el('dd', {id: 'assessed-police'}, label(a.requiredPoliceVetting || 'NONE')),
      el('dt', {}, 'Requested'), el('dd', {}, label(a.requestedVetting) || 'nothing yet'),
      el('dt', {}, 'Held that counts'), el('dd', {}, label(a.effectiveVetting) || 'none'),
      el('dt', {}, 'Cost avoided'), el('dd', {id: 'cost-avoided'}, money(a.costAvoided)),
      el('dt', {}, 'Delay avoided'), el('dd', {}, a.leadTimeAvoidedDays ? `${a.leadTimeAvoidedDays} days` : '—'),
      el('dt', {}, 'Work the answer is based on'), el('dd', {}, a.profileSource === 'ROLE_DEFAULT'
        ? "the role's typical work (no access profile was given)" : 'the access profile given')),
    a.drivers && a.drivers.length ? el('section', {class: 'sub'}, el('h3', {}, 'What drives the requirement'),
      el('ul', {}, a.drivers.map(d => el('li', {}, `${d.frequency.toLowerCase()} access to ${label(d.marking)}`,
        d.category ? ` (${label(d.category)})` : '', ` needs ${label(d.requires)}`,
        d.policeRequires && d.policeRequires !== 'NONE' ? ` and police ${label(d.policeRequires)}` : '',
        d.needToKnow === false ? ' — but the role has no need to know for it' : '')))) : null,
    el('section', {class: 'sub'}, el('h3', {}, 'Why'), reasonsList(a.reasons, 'assessment-reasons')),
    list('Recommendations', a.recommendations, 'assessment-recommendations'),
    list('Facts that would change the answer', (a.missingFacts || []).map(m => m.message || m)),
    footer(a.assessmentId, a.ruleSet));
}

function footer(id, ruleSet) {
  return el('p', {class: 'small'}, id ? `Answer ${id}` : '', ruleSet && ruleSet.version ? ` · rule set ${ruleSet.version}` : '');
}
