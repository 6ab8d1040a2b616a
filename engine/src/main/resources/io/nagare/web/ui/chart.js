import { bytes, duration, esc } from './format.js';

const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 70;
const RIGHT = 80;
const TOP = 20;
const BOTTOM = 40;
const TICKS = 4;

function scale(max) {
  return max > 0 ? max : 1;
}

function line(points, cls, series) {
  const path = points.map((p, i) => (i === 0 ? 'M' : 'L') + p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ');
  const dots = points.map(p => `<circle class="${cls}" cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4"`
    + ` data-series="${series}" data-checkpoint-id="${p.id}"><title>${esc(p.label)}</title></circle>`).join('');
  return `<path class="${cls}" d="${path}"/>` + dots;
}

/**
 * An SVG chart of the checkpoints' end-to-end durations (left axis) and state sizes (right axis)
 * by checkpoint id, oldest first.
 */
export function checkpointChart(history) {
  const checkpoints = history.filter(c => c.status === 'COMPLETED').sort((a, b) => a.id - b.id);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const maxDuration = scale(Math.max(0, ...checkpoints.map(c => c.end_to_end_duration)));
  const maxSize = scale(Math.max(0, ...checkpoints.map(c => c.state_size)));
  const x = i => LEFT + (checkpoints.length <= 1 ? plotWidth / 2 : i * plotWidth / (checkpoints.length - 1));
  const yOf = (v, max) => TOP + plotHeight - v / max * plotHeight;
  const durations = checkpoints.map((c, i) => ({ id: c.id, x: x(i), y: yOf(c.end_to_end_duration, maxDuration),
    label: `checkpoint ${c.id}: ${duration(c.end_to_end_duration)}` }));
  const sizes = checkpoints.map((c, i) => ({ id: c.id, x: x(i), y: yOf(c.state_size, maxSize),
    label: `checkpoint ${c.id}: ${bytes(c.state_size)}` }));
  let axes = '';
  for (let t = 0; t <= TICKS; t++) {
    const y = TOP + plotHeight - t * plotHeight / TICKS;
    axes += `<line class="grid" x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y}" y2="${y}"/>`
      + `<text class="axis duration" x="${LEFT - 6}" y="${y + 4}" text-anchor="end">`
      + `${esc(duration(Math.round(maxDuration * t / TICKS)))}</text>`
      + `<text class="axis size" x="${LEFT + plotWidth + 6}" y="${y + 4}">`
      + `${esc(bytes(Math.round(maxSize * t / TICKS)))}</text>`;
  }
  const labels = checkpoints.map((c, i) => `<text class="axis" x="${x(i)}" y="${HEIGHT - BOTTOM + 16}"`
    + ` text-anchor="middle">${c.id}</text>`).join('');
  return `<svg id="checkpoint-chart" class="chart" data-points="${checkpoints.length}" width="${WIDTH}"`
    + ` height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">`
    + axes + labels
    + `<text class="axis" x="${LEFT + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">checkpoint id</text>`
    + line(durations, 'duration', 'end_to_end_duration') + line(sizes, 'size', 'state_size')
    + '</svg>'
    + '<p class="legend"><span class="swatch duration"></span>end-to-end duration (left)'
    + ' <span class="swatch size"></span>state size (right)</p>';
}
