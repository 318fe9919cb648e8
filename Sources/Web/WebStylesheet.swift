/// The one stylesheet: system fonts, light and dark schemes from the operating system, one column on phones.
enum WebStylesheet {
    static let text = """
    :root { --bg: #f7f7f9; --fg: #1d1f24; --muted: #5b6270; --card: #ffffff; --line: #d9dce3; --accent: #2456c7;
      --good: #1f8a4c; --bad: #b3261e; --neutral: #8a8f99; --heat: 36, 86, 199; color-scheme: light dark; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #15171c; --fg: #e8eaef; --muted: #a4abb8; --card: #1e2128; --line: #343843; --accent: #7aa2ff;
        --good: #5cc98a; --bad: #ff8a80; --neutral: #9aa0ab; --heat: 122, 162, 255; }
    }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
      background: var(--bg); color: var(--fg); }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .75rem 1.25rem;
      background: var(--card); border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
    header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
    header.top nav a { text-decoration: none; }
    header.top nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; }
    details.menu { position: relative; } details.menu summary { cursor: pointer; color: var(--accent); } details.menu summary.current { font-weight: 700; }
    details.menu[open] > div { position: absolute; z-index: 2; display: grid; gap: .35rem; min-width: 14rem; padding: .6rem .8rem;
      background: var(--card); border: 1px solid var(--line); border-radius: .4rem; box-shadow: 0 4px 16px rgba(0,0,0,.15); }
    header.top form { margin-left: auto; }
    main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
    h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
    h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin-bottom: 1rem; }
    .card, section.panel { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
    section.panel { margin-bottom: 1rem; overflow-x: auto; }
    .card .value { font-size: 1.6rem; font-weight: 700; }
    .card .label, .muted { color: var(--muted); }
    .up { color: var(--good); } .down { color: var(--bad); }
    .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    form.inline { display: inline; }
    form.stack { display: grid; gap: .75rem; max-width: 24rem; }
    form.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
    label { display: grid; gap: .2rem; font-weight: 600; }
    label.check { display: flex; gap: .4rem; align-items: center; font-weight: 400; }
    input, select, textarea, button { font: inherit; color: inherit; }
    input, select, textarea { padding: .4rem .5rem; border: 1px solid var(--line); border-radius: .35rem; background: var(--bg); }
    button, .button { padding: .45rem .9rem; border: 1px solid var(--accent); border-radius: .35rem; background: var(--accent);
      color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
    @media (prefers-color-scheme: dark) { button, .button { color: #0b1020; } }
    button.secondary, .button.secondary { background: transparent; color: var(--accent); }
    .notice { padding: .75rem 1rem; border-radius: .4rem; border: 1px solid var(--line); background: var(--card); margin-bottom: 1rem; }
    .notice.error { border-color: var(--bad); color: var(--bad); }
    .notice.ok { border-color: var(--good); }
    .token { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; user-select: all; }
    .period { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
    svg.chart { width: 100%; height: auto; display: block; }
    svg.chart text { fill: var(--muted); font-size: 11px; }
    svg.chart .bar { fill: var(--accent); }
    svg.chart .axis { stroke: var(--line); } svg.chart .guide { stroke: var(--line); stroke-dasharray: 2 4; }
    svg .series { fill: none; stroke: var(--accent); stroke-width: 2; } svg .average { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 5 4; }
    svg .dot { fill: var(--accent); } svg.spark { width: 10rem; height: 2rem; vertical-align: middle; } svg.spark .series { stroke-width: 1.5; }
    .legend { display: flex; gap: 1rem; font-size: .85rem; } .legend .key-series { color: var(--accent); } .legend .key-average { color: var(--muted); }
    .badge { display: inline-block; padding: 0 .45rem; border-radius: .8rem; border: 1px solid var(--line); font-size: .8rem; }
    .badge.open { border-color: var(--bad); color: var(--bad); } .badge.ok { border-color: var(--good); color: var(--good); }
    th a { color: inherit; } tr.mine td { font-weight: 700; }
    table.week td { min-width: 6.5rem; } .shift { padding: .2rem .35rem; margin-bottom: .25rem; border-left: 3px solid var(--accent);
      background: var(--bg); border-radius: .25rem; font-size: .85rem; }
    .cat-productive { color: var(--good); } .cat-unproductive { color: var(--bad); } .cat-neutral { color: var(--neutral); }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media (max-width: 40rem) { main { padding: .75rem; } header.top form { margin-left: 0; } .card .value { font-size: 1.3rem; } }
    """
}
