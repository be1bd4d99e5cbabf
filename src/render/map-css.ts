// The journey map's stylesheet, inlined into the HTML. System fonts only (no font request); colours
// from Okabe-Ito (colour-blind safe) and always doubled by a glyph or word; states survive print
// without backgrounds through borders (dashed = low n or not measurable, hatched = withheld).
export const MAP_CSS = `
.trend{margin:2px 0 6px;font-size:11px;color:var(--muted)}.trend .spark{display:block;color:var(--blue)}.spark .up,.spark .down{fill:var(--verm)}.trend-changes{color:var(--ink);font-weight:600}
.vs{margin:2px 0 6px;font-size:12px}.vs.sig{font-weight:600}.vs .mark{color:var(--verm)}
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#c9c9c9;--blue:#0072B2;--verm:#B34700;--orange:#E69F00;--paper:#fff;--band:#f3f4f6}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;padding:24px 28px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--paper)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px}h2.small{font-size:14px;margin:0 0 4px}h3{font-size:14px;margin:14px 0 4px}
.meta,.note,.muted,footer{color:var(--muted)}.note{margin:0 0 10px;font-size:12px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
#legend{margin:12px 0 16px;padding:8px 12px;border:1px solid var(--line);border-radius:6px}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px 22px;font-size:12px}
table.map{width:100%;border-collapse:separate;border-spacing:0;table-layout:fixed}
table.map th,table.map td{vertical-align:top;padding:8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
table.map thead th{text-align:left;font-size:16px;background:var(--band);border-top:3px solid var(--blue)}
table.map thead th+th{border-left:1px solid var(--line)}table.map td{border-left:1px solid var(--line)}
table.map th[scope=row]{width:8.5rem;text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
table.map th.lane-head{width:8.5rem;font-size:12px;color:var(--muted)}
.step{display:inline-block;min-width:1.5em;padding:0 4px;border:1px solid var(--ink);border-radius:10px;text-align:center;font-size:12px}
ul.headline,ul.all,.lane ul{list-style:none;margin:0;padding:0}
ul.headline li,ul.all li{margin:0 0 6px}
.kl{display:block;font-size:12px;color:var(--muted)}
.kv .v{font-weight:700;font-size:16px;font-variant-numeric:tabular-nums}
.kv .n,.kv .ci{font-size:12px;color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
.kv .tag{font-size:11px;border:1px dashed var(--ink);border-radius:3px;padding:0 3px}
.kv .why{display:block;font-size:12px}
.kv.low_n .v{font-weight:400;font-style:italic}
.kv.suppressed .v,.kv.unavailable .v,.kv.no_data .v{font-size:13px;font-weight:400;padding:0 4px;border:1px dashed var(--muted);border-radius:3px}
.kv.suppressed .v{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#ddd 3px,#ddd 5px)}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0 0 10px;background:#fff;break-inside:avoid}
.card.is-mot{border:2px solid var(--orange)}
.card h3{margin:0 0 6px;font-size:15px}
.card .key .v{font-size:20px}
.card .friction{margin:6px 0 0;font-size:12px}
.rank{display:inline-block;min-width:2em;padding:0 4px;border-radius:3px;background:var(--verm);color:#fff;font-weight:700;text-align:center;font-size:12px;border:1px solid var(--verm)}
.mot{color:#8a5a00;font-weight:700;white-space:nowrap}.mot-word{font-size:11px;font-weight:400;text-transform:uppercase}
details{margin-top:6px;font-size:12px}summary{cursor:pointer;color:var(--blue)}
.lane li{margin:0 0 6px;font-size:13px}.lane .src{font-weight:600}
.empty{color:var(--muted);font-style:italic;margin:0}
.curve-figure{margin:0 0 16px}.curve-figure svg{width:100%;height:auto;max-height:340px}
.curve-figure figcaption{font-size:14px;font-weight:700;margin:0 0 4px}
svg .band rect.even{fill:#fafafa}svg .band rect.odd{fill:#eef1f5}
svg .stage-name{font-size:13px;font-weight:700;fill:var(--ink)}
svg .grid{stroke:#ddd;stroke-width:1}svg .tick{font-size:11px;fill:var(--muted)}
svg .curve{stroke:var(--blue);stroke-width:2}
svg .whisker{stroke:var(--ink);stroke-width:1.5}
svg .point{fill:var(--blue);stroke:var(--blue);stroke-width:2}svg .point.hollow{fill:#fff}
svg polygon.point{fill:var(--orange);stroke:var(--ink);stroke-width:1}svg polygon.point.hollow{fill:#fff}
svg .value{font-size:12px;font-weight:700;fill:var(--ink)}
svg .tp-name{font-size:12px;fill:var(--ink)}svg .gap-note{font-size:11px;fill:var(--muted);font-style:italic}
.friction-list{padding-left:0;list-style:none}.friction-list li{margin:0 0 10px}.friction-list .why{font-size:13px;color:var(--muted)}
table.data{border-collapse:collapse;margin:0 0 10px;font-size:13px}
table.data th,table.data td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
.warnings li{font-size:13px}
.funnel-steps th[scope=row]{font-weight:400}.fcell{min-width:14rem;white-space:nowrap}
.fbar{display:inline-block;width:10rem;height:.9em;margin-right:6px;vertical-align:middle;border:1px solid var(--ink)}
.fbar-fill{display:block;height:100%;background:var(--blue)}.fshare{font-variant-numeric:tabular-nums}
footer{margin-top:24px;font-size:12px;border-top:1px solid var(--line);padding-top:6px}
@page{size:A3 landscape;margin:10mm}
@media print{
  body{padding:0;font-size:12px}
  #legend{break-inside:avoid}
  section.page{break-before:page}
  #friction,#loyalty,.funnel{break-inside:avoid}
  details{display:block}details>ul{display:block}
  table.map thead{display:table-header-group}
  summary{color:var(--ink)}
}
`;
