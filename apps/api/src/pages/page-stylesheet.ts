/** Where the API serves {@link pageStylesheet}: same origin, so the pages' CSP needs only `style-src 'self'`. */
export const pageStylesheetPath = '/assets/reviewflow.css';

/**
 * The one stylesheet of the HTML pages (approval link, review): system fonts, a readable measure,
 * one column on a phone, WCAG AA contrast for text and badges, a visible keyboard focus.
 */
export const pageStylesheet = `:root{--fg:#1b1f24;--muted:#4d5661;--bg:#fff;--panel:#f5f7f9;--line:#d5dbe1;--accent:#0b57d0;--focus:#ffbf47;
--critical:#7a0916;--high:#b3261e;--medium:#8a4a00;--low:#0b57d0;--info:#4d5661;--ok:#146c2e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875rem}
.skip{position:absolute;left:-9999px;top:.5rem;background:var(--fg);color:#fff;padding:.5rem .75rem;z-index:1}
.skip:focus{left:.5rem}
.top{background:var(--fg);color:#fff;padding:.6rem 1rem}
.top p{margin:0 auto;max-width:64rem;font-weight:600;letter-spacing:.02em}
main{max-width:64rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.75rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.25rem 0 .5rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
h3 code{font-size:.95rem;word-break:break-all}
.lede{margin:.25rem 0 1rem;color:var(--muted)}
.muted,.count,.by{color:var(--muted)}
.notice{border-left:4px solid var(--ok);background:#edf7ef;padding:.75rem 1rem;margin:1rem 0}
.warning{border-left:4px solid var(--high);background:#fdf0ef;padding:.75rem 1rem;margin:1rem 0}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.5rem 1.5rem;margin:1rem 0;padding:1rem;background:var(--panel);border-radius:.5rem}
.facts div{min-width:0}
.facts dt{font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.badge,.status{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600;color:#fff;background:var(--info);white-space:nowrap}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.status-completed{background:var(--ok)}.status-rejected,.status-failed{background:var(--high)}.status-awaiting_approval{background:var(--medium)}.status-running,.status-queued{background:var(--accent)}
.totals{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0;margin:.5rem 0 1rem}
.totals .n{font-weight:600}
.finding-list{list-style:none;padding:0;margin:0}
.finding{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:0 0 .75rem}
.finding-head{margin:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
.where{font-weight:600}
.message{margin:.4rem 0}
.suggestion{margin:.4rem 0;padding:.5rem .75rem;background:var(--panel);border-radius:.25rem}
.code{margin:.5rem 0 0}
.code figcaption{font-size:.8rem;color:var(--muted)}
.code pre{margin:.25rem 0 0;padding:.5rem 0;background:var(--panel);border:1px solid var(--line);border-radius:.25rem;overflow-x:auto}
.code code>*{display:block;padding:0 .75rem;white-space:pre}
.code .hit{background:#fff3c4;color:var(--fg);box-shadow:inset 4px 0 0 var(--medium)}
.ln{display:inline-block;min-width:3ch;margin-right:1rem;text-align:right;color:var(--muted);user-select:none}
.empty{padding:1rem;background:var(--panel);border-radius:.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
.table-wrap{overflow-x:auto}
caption{text-align:left;color:var(--muted);padding-bottom:.25rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
td code{word-break:break-all}
.decide{margin:2rem 0 0;padding:1rem;border:2px solid var(--fg);border-radius:.5rem}
.decide h2{margin-top:0;border:0}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field input,.field textarea{width:100%;max-width:32rem;font:inherit;padding:.5rem;border:1px solid var(--muted);border-radius:.25rem}
.hint{display:block;font-size:.85rem;color:var(--muted)}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border-radius:.35rem;border:2px solid transparent;cursor:pointer;min-height:2.75rem}
button[value=approve]{background:var(--ok);color:#fff}
button[value=reject]{background:#fff;color:var(--high);border-color:var(--high)}
progress{width:100%;max-width:32rem;height:1rem}
.links{padding-left:1.25rem}
.links li{margin:.25rem 0}
@media (max-width:40rem){main{padding:.75rem .75rem 2rem}h1{font-size:1.35rem}.facts{grid-template-columns:1fr}.buttons button{flex:1 1 100%}}
@media print{.top,.skip,.decide{display:none}}
`;
