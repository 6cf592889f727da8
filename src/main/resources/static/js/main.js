// One page shell for every address: the path picks the page's module and its title.
const PAGES = {
  '/': ['./home.js', 'Vetting and Disclosure Advisor'],
  '/ask': ['./ask.js', 'Can they see it?'],
  '/assess': ['./assess.js', 'What vetting is needed?'],
  '/rules': ['./rules.js', 'Rules'],
  '/audit': ['./audit.js', 'Audit'],
};
const path = location.pathname.replace(/\/index\.html$/, '/').replace(/\/$/, '') || '/';
const [module, title] = PAGES[path] || PAGES['/'];
if (path !== '/') document.title = `${title} — Vetting and Disclosure Advisor`;
await import(module);
