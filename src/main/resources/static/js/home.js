import {el, replace, start, pagesFor, $} from './ui.js';

const s = await start(null);
replace($('main'),
  el('h1', {}, 'Vetting and Disclosure Advisor'),
  el('p', {class: 'lead'}, 'May this person see this document, and why? What vetting does this post actually need?'),
  el('h2', {}, 'Pages for this key'),
  pagesFor(s).length
    ? el('ul', {class: 'cards', id: 'pages'}, pagesFor(s).map(p => el('li', {}, el('a', {href: p.href}, p.label), el('p', {}, p.who))))
    : el('p', {id: 'pages'}, 'This key opens none of the pages. Ask your administrator for a key with the scopes you need.'),
  el('h2', {}, 'What this key may do'),
  el('ul', {id: 'scopes'}, s.scopes.map(x => el('li', {}, el('code', {}, x.value), ` — ${x.description}`))),
  el('p', {class: 'small'}, 'Every answer is recorded in the decision log with the client of the key that asked.'));
