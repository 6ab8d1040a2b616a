const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ESCAPES[c]);
}

export function count(n) {
  return Number(n ?? 0).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function rate(n) {
  const v = Number(n ?? 0);
  return (v >= 100 ? count(v) : v.toFixed(1)) + '/s';
}

export function bytes(n) {
  let v = Number(n ?? 0);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (u === 0 ? String(v) : v.toFixed(1)) + ' ' + units[u];
}

export function duration(ms) {
  const v = Math.round(Number(ms ?? 0));
  if (v < 0) {
    return '–';
  }
  if (v < 1000) {
    return v + ' ms';
  }
  if (v < 60000) {
    return (v / 1000).toFixed(1) + ' s';
  }
  const s = Math.floor(v / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return (h > 0 ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
}

export function time(epochMs) {
  return epochMs > 0 ? new Date(epochMs).toLocaleString('en-GB') : '–';
}

export function percent(msPerSecond) {
  return Math.round(Number(msPerSecond ?? 0) / 10) + '%';
}
