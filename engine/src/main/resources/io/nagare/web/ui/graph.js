import { count, esc, percent, rate } from './format.js';

const BOX_WIDTH = 280;
const BOX_HEIGHT = 112;
const COLUMN_GAP = 90;
const ROW_GAP = 36;
const MARGIN = 20;

function levels(nodes) {
  const byId = new Map(nodes.map(n => [n.id, n]));
  const level = new Map();
  const visit = node => {
    if (!level.has(node.id)) {
      level.set(node.id, 0);
      const inputs = (node.inputs ?? []).map(i => byId.get(i.id)).filter(Boolean);
      level.set(node.id, inputs.length === 0 ? 0 : 1 + Math.max(...inputs.map(visit)));
    }
    return level.get(node.id);
  };
  nodes.forEach(visit);
  return level;
}

function layout(nodes) {
  const level = levels(nodes);
  const rows = new Map();
  const place = new Map();
  for (const node of nodes) {
    const column = level.get(node.id);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    place.set(node.id, {
      x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP),
      y: MARGIN + row * (BOX_HEIGHT + ROW_GAP),
    });
  }
  const columns = Math.max(0, ...level.values()) + 1;
  const maxRows = Math.max(1, ...rows.values());
  return {
    place,
    width: 2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP,
    height: 2 * MARGIN + maxRows * BOX_HEIGHT + (maxRows - 1) * ROW_GAP,
  };
}

function edge(from, to, strategy) {
  const x1 = from.x + BOX_WIDTH;
  const y1 = from.y + BOX_HEIGHT / 2;
  const x2 = to.x - 4;
  const y2 = to.y + BOX_HEIGHT / 2;
  const mid = (x1 + x2) / 2;
  return `<path class="edge" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>`
    + `<text class="edge-label" x="${mid}" y="${(y1 + y2) / 2 - 6}" text-anchor="middle">${esc(strategy)}</text>`;
}

function box(node, vertex, p, jobId) {
  const m = vertex?.metrics ?? {};
  const level = vertex?.['backpressure-level'] ?? 'ok';
  const name = node.description.length > 36 ? node.description.slice(0, 35) + '…' : node.description;
  return `<a href="#/jobs/${esc(jobId)}/vertices/${node.id}">`
    + `<g class="vertex bp-${esc(level)}" data-vertex-id="${node.id}" data-backpressure="${esc(level)}"`
    + ` transform="translate(${p.x},${p.y})">`
    + `<title>${esc(node.description)}</title>`
    + `<rect width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="8"/>`
    + `<text class="vertex-name" x="10" y="20">${esc(name)}</text>`
    + `<text class="vertex-line" x="10" y="40">parallelism ${node.parallelism} · ${esc(vertexStatus(vertex))}</text>`
    + `<text class="vertex-line" x="10" y="60">in <tspan data-metric="read-records">${count(m['read-records'])}</tspan>`
    + ` · ${rate(m['read-records-per-second'])}</text>`
    + '<text class="vertex-line" x="10" y="80">out '
    + `<tspan data-metric="write-records">${count(m['write-records'])}</tspan>`
    + ` · ${rate(m['write-records-per-second'])}</text>`
    + `<text class="vertex-line" x="10" y="100">busy ${percent(m['busy-time-ms-per-second'])}`
    + ` · back-pressured ${percent(m['backpressured-time-ms-per-second'])}</text>`
    + '</g></a>';
}

export function vertexStatus(vertex) {
  const statuses = new Map();
  for (const s of vertex?.subtasks ?? []) {
    statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  }
  return [...statuses].map(([status, n]) => statuses.size === 1 ? status : `${status} ${n}`).join(', ');
}

export function operatorGraph(jobId, plan, vertices) {
  const byId = new Map(vertices.map(v => [v.id, v]));
  const { place, width, height } = layout(plan.nodes);
  const edges = plan.nodes.flatMap(node => (node.inputs ?? [])
    .filter(i => place.has(i.id))
    .map(i => edge(place.get(i.id), place.get(node.id), i.ship_strategy)));
  const boxes = plan.nodes.map(node => box(node, byId.get(node.id), place.get(node.id), jobId));
  return `<svg id="job-graph" class="graph" data-vertices="${plan.nodes.length}" width="${width}" height="${height}"`
    + ` viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"'
    + ' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
    + edges.join('') + boxes.join('') + '</svg>';
}
