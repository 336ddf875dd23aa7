/**
 * The annotated page's styles and script, inlined into every page (no file beside it, no
 * network). Kinds have one colour each, a background tint and a stronger line; severity
 * is the line's style, so colour is never the only signal. Light and dark follow
 * `prefers-color-scheme`; print keeps the tints and the margin, drops the popups.
 */
export const PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #fbfaf7; --fg: #1d2127; --muted: #5f6670; --rule: #e3dfd6; --panel: #ffffff; --shadow: 0 6px 24px rgb(0 0 0 / .16);
  --focus: #1a73e8; --link: #1f5fbf;
  --unsourced-figure: #a86a00; --unsourced-figure-bg: rgb(247 190 60 / .38);
  --dated-claim: #2458a6; --dated-claim-bg: rgb(96 150 235 / .28);
  --loaded-term: #b42335; --loaded-term-bg: rgb(240 100 120 / .26);
  --entity-name: #6a3fc0; --entity-name-bg: rgb(160 120 240 / .28);
  --dated-claim-consistency: #1d7a78; --dated-claim-consistency-bg: rgb(50 180 170 / .3);
  --front-matter: #5c6675; --front-matter-bg: rgb(150 160 180 / .35);
  --other: #5c6675; --other-bg: rgb(150 160 180 / .35);
  --entity: #3b4a5c;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171b; --fg: #e4e6ea; --muted: #a0a7b1; --rule: #2c3038; --panel: #1f2229; --shadow: 0 6px 24px rgb(0 0 0 / .5);
    --focus: #8ab4f8; --link: #8ab4f8;
    --unsourced-figure: #f2c14e; --unsourced-figure-bg: rgb(242 180 40 / .3);
    --dated-claim: #8fb8ff; --dated-claim-bg: rgb(90 140 240 / .32);
    --loaded-term: #ff8f9c; --loaded-term-bg: rgb(240 90 110 / .3);
    --entity-name: #c3a6ff; --entity-name-bg: rgb(150 110 240 / .34);
    --dated-claim-consistency: #6fd6cf; --dated-claim-consistency-bg: rgb(50 180 170 / .3);
    --front-matter: #a8b2c0; --front-matter-bg: rgb(150 160 180 / .3);
    --other: #a8b2c0; --other-bg: rgb(150 160 180 / .3);
    --entity: #c9d3df;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 17px/1.62 Charter, "Bitstream Charter", "Iowan Old Style", Georgia, "DejaVu Serif", serif; }
a { color: var(--link); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -9999px; top: .5rem; background: var(--panel); padding: .4rem .8rem; z-index: 3; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.page-header, .article, .index { max-width: 74rem; margin: 0 auto; padding: 0 1.5rem; }
.page-header { padding-top: 1.6rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); font-family: system-ui, "DejaVu Sans", sans-serif; }
.page-header h1 { font: 600 1.7rem/1.25 Charter, Georgia, "DejaVu Serif", serif; margin: .2rem 0 .6rem; }
.path { margin: 0; color: var(--muted); font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
.summary { margin: 0 0 .5rem; font-size: 15px; display: flex; flex-wrap: wrap; gap: .2rem .1rem; align-items: center; }
.summary .sep { color: var(--muted); padding: 0 .35rem; }
.kind { white-space: nowrap; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -.05em; background: var(--k-bg, var(--other-bg)); border-bottom: 2px solid var(--k, var(--other)); }
.entities .swatch { background: none; border: 1px dotted var(--entity); border-bottom: 2px dotted var(--entity); }
.reference { margin: 0; color: var(--muted); font-size: 13px; }
.article { padding-top: 1.2rem; padding-bottom: 4rem; }
.row { display: grid; grid-template-columns: minmax(0, 42rem) minmax(15rem, 1fr); column-gap: 2.5rem; }
.text > :first-child { margin-top: .6rem; }
.text h1, .text h2, .text h3 { line-height: 1.3; }
.text pre { overflow-x: auto; font-size: 14px; }
.text blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
.text table { border-collapse: collapse; }
.text td, .text th { border: 1px solid var(--rule); padding: .2rem .5rem; }
.front-matter { color: var(--muted); font-size: 13px; border-left: 3px solid var(--rule); padding-left: .8rem; }
.image { color: var(--muted); font-style: italic; }
.k-unsourced-figure { --k: var(--unsourced-figure); --k-bg: var(--unsourced-figure-bg); }
.k-dated-claim { --k: var(--dated-claim); --k-bg: var(--dated-claim-bg); }
.k-loaded-term { --k: var(--loaded-term); --k-bg: var(--loaded-term-bg); }
.k-entity-name { --k: var(--entity-name); --k-bg: var(--entity-name-bg); }
.k-dated-claim-consistency { --k: var(--dated-claim-consistency); --k-bg: var(--dated-claim-consistency-bg); }
.k-front-matter { --k: var(--front-matter); --k-bg: var(--front-matter-bg); }
mark.finding { color: inherit; background: var(--k-bg, var(--other-bg)); border-bottom: 2px solid var(--k, var(--other)); border-radius: 2px; padding: 0 .04em; cursor: default; }
mark.finding.sev-info, mark.finding.sev-hint { border-bottom-style: dotted; }
mark.finding.active, mark.finding:target { outline: 2px solid var(--k, var(--other)); outline-offset: 1px; }
.entity { text-decoration: underline dotted 1.5px var(--entity); text-underline-offset: .22em; cursor: help; }
.resolved { font: 600 11.5px/1 system-ui, "DejaVu Sans", sans-serif; color: var(--k, var(--other)); border: 1px solid var(--k, var(--other)); border-radius: 1em; padding: .12em .5em; margin-left: .3em; white-space: nowrap; vertical-align: .1em; }
.notes { font: 12.5px/1.4 system-ui, "DejaVu Sans", sans-serif; color: var(--muted); }
.notes-list { list-style: none; margin: .6rem 0; padding: 0; }
.note { border-left: 3px solid var(--k, var(--other)); padding: .1rem 0 .1rem .6rem; margin: 0 0 .45rem; }
.note.sev-info, .note.sev-hint { border-left-style: dashed; }
.note.active { background: var(--panel); box-shadow: var(--shadow); }
.note-head { color: var(--k, var(--other)); font-weight: 600; text-decoration: none; }
.note-severity { font-weight: 400; color: var(--muted); }
.note-resolved { margin-left: .4em; color: var(--k, var(--other)); font-weight: 600; }
.note-message { margin: .05rem 0 0; }
.note-rule { color: var(--muted); font: 11.5px ui-monospace, "DejaVu Sans Mono", monospace; }
.unplaced { color: var(--muted); font-style: italic; }
.popup { position: absolute; z-index: 2; max-width: 26rem; background: var(--panel); color: var(--fg); border: 1px solid var(--rule); border-radius: 8px; box-shadow: var(--shadow); padding: .2rem .9rem; font: 13.5px/1.45 system-ui, "DejaVu Sans", sans-serif; }
.popup blockquote { margin: .5rem 0; padding-left: .6rem; border-left: 3px solid var(--entity-name); color: var(--fg); }
.popup ul { padding-left: 1.1rem; }
.index-list { padding-left: 1.2rem; }
.index-list li { margin: 1rem 0; }
.index-list a { font-size: 1.15rem; }
@media (max-width: 62rem) {
  .row { grid-template-columns: minmax(0, 1fr); }
  .notes-list { margin-top: 0; }
}
@media print {
  html { background: #fff; color: #000; }
  .popup, .skip { display: none !important; }
  .article { max-width: none; padding: 0; }
  .row { grid-template-columns: minmax(0, 1fr) 30%; column-gap: 1.5rem; }
  .note { break-inside: avoid; }
  mark.finding, .swatch, .resolved, .note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .note-rule { display: none; }
}
`;

/**
 * Cards on hover or focus of a name (Escape closes them), and a finding and its note lit
 * together; everything is reachable with Tab. Without the script the page still shows every
 * highlight and note, and screen readers get each card as the name's description.
 */
export const PAGE_SCRIPT = `
(() => {
  const popup = document.getElementById('popup');
  let owner = null;
  let hideTimer = 0;
  const show = (el) => {
    clearTimeout(hideTimer);
    const card = document.getElementById('card-' + el.dataset.card);
    if (!card) return;
    owner = el;
    popup.innerHTML = card.innerHTML;
    popup.hidden = false;
    const r = el.getBoundingClientRect();
    const width = Math.min(popup.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    popup.style.left = (left + window.scrollX) + 'px';
    popup.style.top = (r.bottom + window.scrollY + 6) + 'px';
  };
  const hide = () => { popup.hidden = true; owner = null; };
  const hideSoon = () => { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 150); };
  const cardOwner = (t) => (t instanceof Element ? t.closest('.entity[data-card]') : null);
  document.addEventListener('mouseover', (e) => {
    const el = cardOwner(e.target);
    if (el) show(el);
    else if (popup.contains(e.target)) clearTimeout(hideTimer);
  });
  document.addEventListener('mouseout', (e) => { if (cardOwner(e.target) || popup.contains(e.target)) hideSoon(); });
  document.addEventListener('focusin', (e) => { const el = cardOwner(e.target); if (el) show(el); });
  document.addEventListener('focusout', (e) => { if (cardOwner(e.target) === owner) hide(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !popup.hidden) hide(); });
  const light = (id, on) => {
    for (const el of document.querySelectorAll('[data-finding="' + id + '"]')) el.classList.toggle('active', on);
  };
  const findingOf = (t) => (t instanceof Element ? t.closest('[data-finding]') : null);
  for (const [enter, leave] of [['mouseover', 'mouseout'], ['focusin', 'focusout']]) {
    document.addEventListener(enter, (e) => { const el = findingOf(e.target); if (el) light(el.dataset.finding, true); });
    document.addEventListener(leave, (e) => { const el = findingOf(e.target); if (el) light(el.dataset.finding, false); });
  }
})();
`;
