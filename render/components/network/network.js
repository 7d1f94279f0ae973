// The Network page's drawing: a Streamlit component (v1 protocol, written by hand) around vis-network.
// Python sends {nodes, links, wordings, styles, labels, options, legend, rev, selected, height, ack, fit, menu,
// found} (the nodes and links packed: render/network.py `pack`); the drawing sends
// back {events: [...]}, every event the page has not acknowledged yet (args.ack), each with a rising `seq`:
//   {type: "select", ids}        a click (shift-click adds or removes one); Esc sends ids: []
//   {type: "expand", id}         a double click
//   {type: "move", positions}    a drag ended: {id: [x, y]} in canvas pixels
//   {type: "action", action, id} a choice of the right-click menu (args.menu: [{action, label, except: [ids]}])
//   {type: "search", text}       what was typed in the drawing's search box (the page looks up the rest)
// Matches of the search are lit at once in the drawing (by name), and so are the ids the page found (args.found,
// by alias too). Keys while the drawing has focus: / finds, + and - zoom, Esc clears the selection and the menu.
// Text from the data reaches the page only as text (tooltips: vis-network's innerText; legend and menu:
// textContent), never as markup.
(function () {
  "use strict";
  const send = function (type, data) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, data), "*");
  };
  const container = document.getElementById("sge-network");
  const legend = document.getElementById("sge-legend");
  const menu = document.getElementById("sge-menu");
  const finder = document.getElementById("sge-search");
  const foundNote = document.getElementById("sge-found");
  let network = null;
  let nodes = null;
  let edges = null;
  let rev = null;
  let fit = null;
  let height = 0;
  let sentHeight = -1;
  let selected = [];
  let pending = [];
  let seq = 0;
  let options = null;
  let menuItems = [];
  let found = [];  // ids the page found for the search text (by alias too)
  let lit = [];  // ids lit now by the search
  let typing = null;
  const LIT = {borderWidth: 4, shadow: {enabled: true, color: "#0072B2", size: 16, x: 0, y: 0}};
  const UNLIT = {borderWidth: 1, shadow: false};

  function unacknowledged(type) {
    return pending.filter(function (e) { return e.type === type; });
  }

  function emit(event) {
    seq = Math.max(seq + 1, Date.now());  // rises across reloads of the frame too
    pending.push(Object.assign({seq: seq}, event));
    send("streamlit:setComponentValue", {value: {events: pending}, dataType: "json"});
  }

  function unpack(args) {
    // The packed nodes and links (render/network.py `pack`, whose `unpack` is this in Python) as vis-network's
    // items. Tooltips stay strings: vis-network shows a string title with innerText, so no name becomes markup.
    const drawn = args.nodes.map(function (n) {
      const node = Object.assign({}, n, {label: n.label || n.name, title: n.title || (n.tip ? n.name + "\n" + n.tip : n.name)});
      delete node.tip;
      return node;
    });
    const links = args.links.map(function (l, k) {
      const said = args.wordings[l[2]];
      return Object.assign({
        id: k,
        from: drawn[l[0]].id,
        to: drawn[l[1]].id,
        label: args.labels ? said : "",
        title: l[5] ? said + "\n" + l[5] : said,
        arrows: l[3] ? "to" : "",
      }, args.styles[l[4]]);
    });
    return [drawn, links];
  }

  function drawLegend(entries) {
    legend.replaceChildren();
    for (const [label, colour] of entries) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      item.dataset.kind = label;
      swatch.className = "swatch";
      swatch.style.background = colour;
      item.append(swatch, document.createTextNode(label));
      legend.append(item);
    }
  }

  function select(ids) {
    selected = ids.filter(function (id) { return nodes.get(id) !== null; });
    network.setSelection({nodes: selected, edges: []}, {unselectAll: true, highlightEdges: false});
    document.body.dataset.selected = selected.join(",");
  }

  function lightMatches() {
    // Names in view that hold the typed text, and what the page found; lit by a border and a glow.
    const text = finder.value.trim().toLowerCase();
    let ids = [];
    if (text) {
      const local = nodes.getIds().filter(function (id) {
        const n = nodes.get(id);
        return String(n.name || n.label || id).toLowerCase().includes(text) || String(id).toLowerCase() === text;
      });
      ids = Array.from(new Set(local.concat(found.filter(function (id) { return nodes.get(id) !== null; }))));
    }
    const gone = lit.filter(function (id) { return !ids.includes(id) && nodes.get(id) !== null; });
    nodes.update(gone.map(function (id) { return Object.assign({id: id}, UNLIT); }));
    nodes.update(ids.map(function (id) { return Object.assign({id: id}, LIT); }));
    lit = ids;
    document.body.dataset.found = ids.join(",");
    foundNote.textContent = text ? (ids.length ? ids.length + " in view" : "none in view") : "";
  }

  function searched() {
    clearTimeout(typing);
    typing = null;
    emit({type: "search", text: finder.value.trim()});
  }

  function closeMenu() {
    menu.hidden = true;
    menu.replaceChildren();
  }

  function openMenu(id, at) {
    // The same actions as the panel beside the drawing; the page acts on the choice.
    const node = nodes.get(id);
    closeMenu();
    const title = document.createElement("li");
    title.className = "sge-menu-title";
    title.textContent = String(node.name || node.label || id);
    menu.append(title);
    for (const item of menuItems) {
      const entry = document.createElement("li");
      const button = document.createElement("button");
      entry.setAttribute("role", "none");
      button.type = "button";
      button.setAttribute("role", "menuitem");
      button.dataset.action = item.action;
      button.textContent = item.label;
      button.disabled = (item.except || []).includes(id);
      button.addEventListener("click", function () {
        closeMenu();
        select([id]);
        emit({type: "action", action: item.action, id: id});
      });
      entry.append(button);
      menu.append(entry);
    }
    menu.hidden = false;
    const box = container.getBoundingClientRect();
    const left = Math.min(box.left + at.x, box.right - menu.offsetWidth - 4);
    const top = Math.min(box.top + at.y, box.bottom - menu.offsetHeight - 4);
    menu.style.left = Math.max(box.left, left) + window.scrollX + "px";
    menu.style.top = Math.max(box.top, top) + window.scrollY + "px";
    const first = menu.querySelector("button:not(:disabled)");
    if (first) { first.focus({preventScroll: true}); }
  }

  function zoomBy(factor) {
    if (network) { network.moveTo({scale: network.getScale() * factor, animation: false}); }
  }

  function zoomable(on) {
    if (network) { network.setOptions({interaction: {zoomView: on}}); }
    document.body.classList.toggle("sge-zoom", on);
    document.body.dataset.zoom = on ? "1" : "0";
  }

  function create(drawn, links, args) {
    nodes = new vis.DataSet(drawn);
    edges = new vis.DataSet(links);
    network = new vis.Network(container, {nodes: nodes, edges: edges}, args.options);
    options = JSON.stringify(args.options);
    network.fit({animation: false});
    window.sgeNetwork = network;
    // In place of vis-network's autoResize (off in the options): it redraws every link on each resize of the
    // window, as when the page sets this frame's height (140 ms for 10,000 links), where the drawing is redrawn
    // only when its own size changed.
    new ResizeObserver(function () {
      if (network.setSize()) { network.redraw(); }
    }).observe(container);
    network.on("oncontext", function (params) {
      params.event.preventDefault();
      const id = network.getNodeAt(params.pointer.DOM);
      if (id === undefined || !menuItems.length) { closeMenu(); return; }
      openMenu(id, params.pointer.DOM);
    });
    network.on("dragStart", closeMenu);
    network.on("zoom", closeMenu);
    network.on("click", function (params) {
      closeMenu();
      zoomable(true);
      container.focus({preventScroll: true});
      if (!params.nodes.length) { select(selected); return; }  // a click on the background keeps the selection
      const id = params.nodes[0];
      const shift = params.event && params.event.srcEvent && params.event.srcEvent.shiftKey;
      let ids = [id];
      if (shift) {
        ids = selected.includes(id) ? selected.filter(function (x) { return x !== id; }) : selected.concat([id]);
      }
      select(ids);
      emit({type: "select", ids: selected});
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) { emit({type: "expand", id: params.nodes[0]}); }
    });
    network.on("dragEnd", function (params) {
      if (!params.nodes.length) { return; }
      const moved = {};
      const at = network.getPositions(params.nodes);
      for (const id of params.nodes) { moved[id] = [Math.round(at[id].x * 10) / 10, Math.round(at[id].y * 10) / 10]; }
      nodes.update(params.nodes.map(function (id) { return {id: id, x: moved[id][0], y: moved[id][1]}; }));
      emit({type: "move", positions: moved});
    });
  }

  function update(drawn, links, args) {
    const wanted = new Set(drawn.map(function (n) { return n.id; }));
    const added = drawn.filter(function (n) { return nodes.get(n.id) === null; });
    nodes.remove(nodes.getIds().filter(function (id) { return !wanted.has(id); }));
    const moved = {};  // a drag the page has not stored yet stays where it was dropped
    for (const event of unacknowledged("move")) { Object.assign(moved, event.positions); }
    nodes.update(drawn.map(function (n) {
      return moved[n.id] ? Object.assign(n, {x: moved[n.id][0], y: moved[n.id][1]}) : n;
    }));
    edges.clear();
    edges.add(links);
    if (JSON.stringify(args.options) !== options) {
      options = JSON.stringify(args.options);
      network.setOptions(args.options);
      zoomable(document.body.dataset.zoom === "1");
    }
    // Keep the view as the user left it, unless something new is out of sight or nothing is in sight any more.
    const view = network.getViewPosition();
    const scale = network.getScale();
    const halfW = container.clientWidth / 2 / scale;
    const halfH = container.clientHeight / 2 / scale;
    const outside = function (n) { return Math.abs(n.x - view.x) > halfW || Math.abs(n.y - view.y) > halfH; };
    if (added.some(outside) || (drawn.length && drawn.every(outside))) {
      network.fit({animation: false});
    }
  }

  function render(args) {
    performance.mark("sge-render");  // the drawing's own share of a page's time (bench/network_clicks.py)
    if (args.height !== height) {
      height = args.height;
      container.style.height = height + "px";
    }
    pending = pending.filter(function (e) { return e.seq > args.ack; });
    menuItems = args.menu || [];
    found = args.found || [];
    const created = network === null;
    const redrawn = created || args.rev !== rev;
    if (redrawn) {
      const [drawn, links] = unpack(args);
      (created ? create : update)(drawn, links, args);
      drawLegend(args.legend);
      rev = args.rev;
      document.body.dataset.rev = rev;
      document.body.dataset.nodes = String(args.nodes.length);
    }
    lightMatches();
    if (args.fit !== fit) {
      if (fit !== null) { network.fit({animation: false}); }
      fit = args.fit;
    }
    // The page's selection (a click it has handled, or its own list), unless a click is still on its way. Set
    // only when it changed: vis-network redraws every link on a selection (60 ms for 10,000), and Streamlit hands
    // the same arguments again when its run ends.
    const wanted = unacknowledged("select").length ? selected : (args.selected || []);
    if (redrawn || wanted.join("\n") !== selected.join("\n")) { select(wanted); }
    document.body.dataset.ready = "1";
    performance.mark("sge-ready");
    const frameHeight = document.documentElement.scrollHeight;
    if (frameHeight !== sentHeight) {  // a new height resizes the frame, and vis-network redraws on a resize
      sentHeight = frameHeight;
      send("streamlit:setFrameHeight", {height: frameHeight});
    }
  }

  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") { render(event.data.args || {}); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !menu.hidden) { closeMenu(); container.focus({preventScroll: true}); return; }
    if (event.target === finder) {
      if (event.key === "Escape") { container.focus({preventScroll: true}); }
      return;
    }
    if (event.key === "Escape" && network && selected.length) {
      select([]);
      emit({type: "select", ids: []});
    } else if (event.key === "/" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      finder.focus();
      finder.select();
    } else if ((event.key === "+" || event.key === "=") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      zoomBy(1.25);
    } else if (event.key === "-" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      zoomBy(0.8);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!menu.hidden && !menu.contains(event.target)) { closeMenu(); }
  });
  finder.addEventListener("input", function () {
    if (network) { lightMatches(); }
    clearTimeout(typing);
    typing = setTimeout(searched, 400);  // the page is asked once typing pauses
  });
  finder.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !network) { return; }
    if (typing !== null) { searched(); }
    if (lit.length) { network.fit({nodes: lit, animation: false}); }
  });
  document.getElementById("sge-fit").addEventListener("click", function () {
    if (network) { network.fit({animation: false}); }
  });
  document.getElementById("sge-zoom-in").addEventListener("click", function () { zoomBy(1.25); });
  document.getElementById("sge-zoom-out").addEventListener("click", function () { zoomBy(0.8); });
  container.addEventListener("focus", function () { zoomable(true); });
  container.addEventListener("blur", function () { zoomable(false); });
  window.addEventListener("blur", function () { zoomable(false); });
  send("streamlit:componentReady", {apiVersion: 1});
})();
