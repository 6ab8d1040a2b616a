import { bytes, count, duration, esc, percent, rate, time } from './format.js';
import { operatorGraph, vertexStatus } from './graph.js';
import { checkpointChart } from './chart.js';

const page = document.getElementById('page');
const errorBanner = document.getElementById('error');
const updated = document.getElementById('updated');
let refreshInterval = 3000;
let timer = null;
let rendering = 0;
let shown = '';

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${(body.errors ?? []).join('; ')}`);
  }
  return body;
}

function table(id, headers, rows, empty) {
  if (rows.length === 0) {
    return `<p class="muted" id="${id}-empty">${esc(empty)}</p>`;
  }
  return `<table id="${id}"><thead><tr>${headers.map(h => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.join('')}</tbody></table>`;
}

function keyValues(id, entries) {
  return table(id, ['key', 'value'], entries.map(([k, v]) =>
    `<tr data-key="${esc(k)}"><td>${esc(k)}</td><td>${esc(v)}</td></tr>`), 'Nothing set.');
}

function stat(name, label, value) {
  return `<div class="stat"><div class="value" data-metric="${esc(name)}">${esc(value)}</div>`
    + `<div class="label">${esc(label)}</div></div>`;
}

function state(s) {
  return `<span class="state state-${esc(String(s).toLowerCase())}">${esc(s)}</span>`;
}

function jobRows(jobs) {
  return jobs.map(j => `<tr data-job-id="${esc(j.jid)}"><td><a href="#/jobs/${esc(j.jid)}">${esc(j.name)}</a></td>`
    + `<td>${state(j.state)}</td><td>${esc(time(j['start-time']))}</td><td>${esc(duration(j.duration))}</td>`
    + `<td>${j.vertices.length}</td><td class="mono">${esc(j.jid)}</td></tr>`);
}

const JOB_HEADERS = ['name', 'state', 'started', 'duration', 'vertices', 'id'];

async function overviewPage() {
  const [o, jobs] = await Promise.all([api('overview'), api('jobs/overview')]);
  const newestFirst = [...jobs.jobs].sort((a, b) => b['start-time'] - a['start-time']);
  const running = newestFirst.filter(j => j['end-time'] < 0);
  const ended = newestFirst.filter(j => j['end-time'] >= 0);
  return '<h1>Cluster overview</h1><div class="stats">'
    + stat('taskmanagers', 'task managers', o.taskmanagers)
    + stat('slots-total', 'slots', o['slots-total'])
    + stat('slots-available', 'slots available', o['slots-available'])
    + stat('taskmanagers-lost', 'task managers lost', o['taskmanagers-lost'])
    + stat('jobs-running', 'jobs running', o['jobs-running'])
    + stat('jobs-finished', 'finished', o['jobs-finished'])
    + stat('jobs-cancelled', 'cancelled', o['jobs-cancelled'])
    + stat('jobs-failed', 'failed', o['jobs-failed'])
    + '</div><h2>Running jobs</h2>'
    + table('running-jobs', JOB_HEADERS, jobRows(running), 'No job is running.')
    + '<h2>Ended jobs</h2>'
    + table('ended-jobs', JOB_HEADERS, jobRows(ended), 'No job has ended yet.');
}

async function jobsPage() {
  const jobs = await api('jobs/overview');
  const sorted = [...jobs.jobs].sort((a, b) => b['start-time'] - a['start-time']);
  return '<h1>Jobs</h1>' + table('jobs', JOB_HEADERS, jobRows(sorted), 'No jobs yet.');
}

function jobHeader(job, tab) {
  const base = `#/jobs/${esc(job.jid)}`;
  const tabs = [['', 'Overview'], ['/checkpoints', 'Checkpoints'], ['/exceptions', 'Exceptions'],
    ['/config', 'Configuration']];
  return `<h1 id="job-name" data-job-id="${esc(job.jid)}">${esc(job.name)} ${state(job.state)}</h1>`
    + `<p class="muted">started ${esc(time(job['start-time']))} · duration ${esc(duration(job.duration))}`
    + ` · <span class="mono">${esc(job.jid)}</span></p>`
    + '<nav class="tabs">' + tabs.map(([suffix, label]) =>
      `<a href="${base}${suffix}" class="${suffix === tab ? 'active' : ''}">${label}</a>`).join('') + '</nav>';
}

function ioCells(m) {
  return `<td data-metric="read-records">${count(m['read-records'])}</td>`
    + `<td data-metric="write-records">${count(m['write-records'])}</td>`
    + `<td>${rate(m['read-records-per-second'])}</td><td>${rate(m['write-records-per-second'])}</td>`
    + `<td>${bytes(m['read-bytes'])}</td><td>${bytes(m['write-bytes'])}</td>`
    + `<td>${percent(m['busy-time-ms-per-second'])}</td><td>${percent(m['backpressured-time-ms-per-second'])}</td>`;
}

const IO_HEADERS = ['records in', 'records out', 'in/s', 'out/s', 'bytes in', 'bytes out', 'busy',
  'back-pressured'];

async function jobPage(jobId) {
  const [job, plan] = await Promise.all([api(`jobs/${jobId}`), api(`jobs/${jobId}/plan`)]);
  const rows = job.vertices.map(v => `<tr data-vertex-id="${v.id}">`
    + `<td><a href="#/jobs/${esc(jobId)}/vertices/${v.id}">${esc(v.name)}</a></td><td>${esc(vertexStatus(v))}</td>`
    + `<td>${v.parallelism}</td>${ioCells(v.metrics)}`
    + `<td><span class="bp bp-${esc(v['backpressure-level'])}">${esc(v['backpressure-level'])}</span></td></tr>`);
  return jobHeader(job, '')
    + (job['root-exception'] ? `<p class="failure">${esc(job['root-exception'])}</p>` : '')
    + '<h2>Operator graph</h2><div class="graph-box">' + operatorGraph(jobId, plan.plan, job.vertices) + '</div>'
    + '<p class="legend"><span class="swatch bp-ok"></span>no back-pressure <span class="swatch bp-low"></span>low'
    + ' <span class="swatch bp-high"></span>high</p>'
    + '<h2>Vertices</h2>' + table('vertices', ['name', 'status', 'parallelism', ...IO_HEADERS, 'back-pressure'], rows,
      'No vertices.');
}

async function vertexPage(jobId, vertexId) {
  const [job, v] = await Promise.all([api(`jobs/${jobId}`), api(`jobs/${jobId}/vertices/${vertexId}`)]);
  const rows = v.subtasks.map(s => `<tr data-subtask="${s.subtask}"><td>${s.subtask}</td><td>${state(s.status)}</td>`
    + `<td><a href="#/taskmanagers/${encodeURIComponent(s['taskmanager-id'])}" class="mono">`
    + `${esc(s['taskmanager-id'])}</a></td>${ioCells(s.metrics)}</tr>`);
  return jobHeader(job, null)
    + `<h2 id="vertex-name" data-vertex-id="${v.id}">${esc(v.name)}</h2>`
    + `<p class="muted">parallelism ${v.parallelism} · back-pressure `
    + `<span class="bp bp-${esc(v['backpressure-level'])}">${esc(v['backpressure-level'])}</span></p>`
    + table('subtasks', ['subtask', 'status', 'task manager', ...IO_HEADERS], rows, 'No subtasks.');
}

async function checkpointsPage(jobId) {
  const [job, c, config] = await Promise.all([api(`jobs/${jobId}`), api(`jobs/${jobId}/checkpoints`),
    api(`jobs/${jobId}/checkpoints/config`)]);
  const counts = c.counts;
  const summary = (name, key, format) => {
    const s = c.summary[key];
    return `<tr data-summary="${key}"><td>${name}</td><td>${esc(format(s.min))}</td><td>${esc(format(s.avg))}</td>`
      + `<td>${esc(format(s.max))}</td></tr>`;
  };
  const rows = c.history.map(h => `<tr data-checkpoint-id="${h.id}"><td>${h.id}</td>`
    + `<td>${state(h.status)}${h.is_savepoint ? ' savepoint' : ''}</td><td>${esc(time(h.trigger_timestamp))}</td>`
    + `<td data-metric="end_to_end_duration">${esc(duration(h.end_to_end_duration))}</td>`
    + `<td data-metric="state_size">${esc(bytes(h.state_size))}</td>`
    + `<td>${esc(bytes(h.checkpointed_size))}</td><td>${esc(duration(h.alignment_duration))}</td>`
    + `<td class="mono">${esc(h.external_path ?? '')}</td>`
    + `<td>${esc(h.failure_message ?? '')}</td></tr>`);
  const restored = c.latest.restored;
  return jobHeader(job, '/checkpoints')
    + '<div class="stats">'
    + stat('checkpoints-completed', 'completed', counts.completed)
    + stat('checkpoints-in-progress', 'in progress', counts.in_progress)
    + stat('checkpoints-failed', 'failed', counts.failed)
    + stat('checkpoints-restored', 'restored', counts.restored)
    + stat('checkpoints-total', 'total', counts.total)
    + '</div>'
    + (restored ? `<p>Restored from checkpoint ${restored.id}.</p>` : '')
    + '<h2>Durations and sizes</h2>' + checkpointChart(c.history)
    + '<h2>Summary</h2>' + table('checkpoint-summary', ['', 'min', 'avg', 'max'], [
      summary('end-to-end duration', 'end_to_end_duration', duration),
      summary('state size', 'state_size', bytes),
      summary('checkpointed size', 'checkpointed_size', bytes),
      summary('alignment', 'alignment_duration', duration)], '')
    + '<h2>History</h2>' + table('checkpoint-history', ['id', 'status', 'triggered', 'end-to-end duration',
      'state size', 'checkpointed size', 'alignment', 'path', 'failure'], rows, 'No checkpoints yet.')
    + '<h2>Checkpointing</h2>' + keyValues('checkpoint-config', Object.entries(config));
}

async function exceptionsPage(jobId) {
  const [job, e] = await Promise.all([api(`jobs/${jobId}`), api(`jobs/${jobId}/exceptions`)]);
  const entries = e.exceptionHistory?.entries ?? [];
  const rows = entries.map((x, i) => `<tr data-exception="${i}"><td>${esc(time(x.timestamp))}</td>`
    + `<td>${esc(x.exceptionName)}</td><td>${esc(x.message)}</td><td>${esc(x.taskName ?? '')}</td>`
    + `<td class="mono">${esc(x.location ?? '')}</td></tr>`
    + `<tr class="trace"><td colspan="5"><details data-key="${x.timestamp}-${esc(x.taskName ?? '')}">`
    + `<summary>stack trace</summary><pre>${esc(x.stacktrace)}</pre></details></td></tr>`);
  return jobHeader(job, '/exceptions')
    + '<h2>Root exception</h2>'
    + (e['root-exception'] ? `<pre id="root-exception">${esc(e['root-exception'])}</pre>`
      : '<p class="muted" id="root-exception-none">The job has not failed.</p>')
    + '<h2>History</h2>' + table('exception-history', ['time', 'exception', 'message', 'task', 'location'], rows,
      'No exceptions.');
}

async function jobConfigPage(jobId) {
  const [job, config] = await Promise.all([api(`jobs/${jobId}`), api(`jobs/${jobId}/config`)]);
  const execution = config['execution-config'] ?? {};
  return jobHeader(job, '/config')
    + `<p>Job parallelism: <span data-metric="job-parallelism">${esc(execution['job-parallelism'])}</span></p>`
    + '<h2>Job configuration</h2>' + keyValues('job-config', Object.entries(execution['user-config'] ?? {}));
}

function logLink(url, text) {
  return url ? `<a class="log-link" href="${esc(url)}" target="_blank" rel="noopener">${esc(text)}</a>` : '';
}

async function taskManagersPage() {
  const tms = await api('taskmanagers');
  const rows = tms.taskmanagers.map(t => `<tr data-taskmanager-id="${esc(t.id)}">`
    + `<td><a href="#/taskmanagers/${encodeURIComponent(t.id)}" class="mono">${esc(t.id)}</a></td>`
    + `<td>${esc(t.host)}:${t.dataPort}</td><td>${t.slots}</td><td>${t.freeSlots}</td><td>${t.pid}</td>`
    + `<td>${esc(time(t.lastHeartbeat))}</td>`
    + `<td class="reporters">${(t['metric-reporters'] ?? []).map(r => `<div>${esc(r)}</div>`).join('')}</td>`
    + `<td>${logLink(t['log-url'], 'log')}</td></tr>`);
  return '<h1>Task managers</h1>' + table('taskmanagers', ['id', 'data address', 'slots', 'free slots', 'pid',
    'last heartbeat', 'metric reporters', 'log'], rows, 'No task manager has registered.');
}

async function taskManagerPage(id) {
  const t = await api(`taskmanagers/${encodeURIComponent(id)}`);
  const metrics = Object.entries(t.metrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return `<h1 id="taskmanager-id" class="mono">${esc(t.id)}</h1><div class="stats">`
    + stat('slots', 'slots', t.slots) + stat('free-slots', 'free slots', t.freeSlots)
    + stat('heartbeat-age', 'since last heartbeat', duration(t.timeSinceLastHeartbeat))
    + stat('heap-used', 'heap used', bytes(t.metrics?.['Status.JVM.Memory.Heap.Used']))
    + '</div>'
    + `<p>Host ${esc(t.host)}, data port ${t.dataPort}, pid ${t.pid}.`
    + (t['log-url'] ? ` Its log: ${logLink(t['log-url'], t['log-url'])}.` : '') + '</p>'
    + '<h2>Metric reporters</h2>' + ((t['metric-reporters'] ?? []).length === 0 ? '<p class="muted">None.</p>'
      : '<ul id="metric-reporters">' + t['metric-reporters'].map(r => `<li class="mono">${esc(r)}</li>`).join('')
      + '</ul>')
    + '<h2>Metrics</h2>' + keyValues('taskmanager-metrics', metrics);
}

async function jobManagerPage() {
  const [config, ui] = await Promise.all([api('jobmanager/config'), api('config')]);
  return '<h1>Job manager</h1>'
    + `<p>nagare ${esc(ui['nagare-version'])} · the UI refreshes every ${esc(duration(ui['refresh-interval']))}.</p>`
    + '<h2>Configuration</h2>' + keyValues('jobmanager-config', config.map(e => [e.key, e.value]));
}

const ROUTES = [
  [/^\/?$/, 'overview', () => overviewPage()],
  [/^\/jobs$/, 'jobs', () => jobsPage()],
  [/^\/jobs\/([0-9a-f]+)$/, 'job', m => jobPage(m[1])],
  [/^\/jobs\/([0-9a-f]+)\/vertices\/([0-9]+)$/, 'vertex', m => vertexPage(m[1], m[2])],
  [/^\/jobs\/([0-9a-f]+)\/checkpoints$/, 'checkpoints', m => checkpointsPage(m[1])],
  [/^\/jobs\/([0-9a-f]+)\/exceptions$/, 'exceptions', m => exceptionsPage(m[1])],
  [/^\/jobs\/([0-9a-f]+)\/config$/, 'job-config', m => jobConfigPage(m[1])],
  [/^\/taskmanagers$/, 'taskmanagers', () => taskManagersPage()],
  [/^\/taskmanagers\/([^/]+)$/, 'taskmanager', m => taskManagerPage(decodeURIComponent(m[1]))],
  [/^\/jobmanager$/, 'jobmanager', () => jobManagerPage()],
];

const NAV = { overview: 'overview', jobs: 'jobs', job: 'jobs', vertex: 'jobs', checkpoints: 'jobs',
  exceptions: 'jobs', 'job-config': 'jobs', taskmanagers: 'taskmanagers', taskmanager: 'taskmanagers',
  jobmanager: 'jobmanager' };

async function render() {
  clearTimeout(timer);
  const run = ++rendering;
  const path = location.hash.replace(/^#/, '');
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  try {
    const html = route ? await route[2](path.match(route[0])) : `<h1>Not found</h1><p>No page ${esc(path)}.</p>`;
    if (run !== rendering) {
      return;
    }
    const name = route ? route[1] : 'not-found';
    if (html !== shown) {
      const open = [...page.querySelectorAll('details[open]')].map(d => d.dataset.key);
      page.innerHTML = html;
      shown = html;
      page.querySelectorAll('details[data-key]').forEach(d => {
        d.open = open.includes(d.dataset.key);
      });
    }
    document.body.dataset.page = name;
    document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === NAV[name]));
    errorBanner.hidden = true;
    updated.textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
  } catch (e) {
    if (run !== rendering) {
      return;
    }
    errorBanner.textContent = e.message;
    errorBanner.hidden = false;
  }
  timer = setTimeout(render, refreshInterval);
}

async function start() {
  try {
    refreshInterval = (await api('config'))['refresh-interval'] ?? refreshInterval;
  } catch (e) {
    errorBanner.textContent = e.message;
    errorBanner.hidden = false;
  }
  window.addEventListener('hashchange', render);
  await render();
}

start();
