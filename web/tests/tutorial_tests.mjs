// Browser tests of the guided tutorials: every step of every tutorial in tutorials/ walked as a learner in
// headless chromium with real pointer and keyboard events (learner_hand.mjs; each check must fail before the
// step's `test:` actions and pass after them, no error line ever shows, every step opens at its top), one
// screenshot per tutorial, the first-visit prompt and saved progress, and malformed tutorial files (an error
// naming the file, step and line in the picker while the lab keeps working). Scheme: docs/tutorial-format.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test, run, assert, parseOptions, waitForProbe, imageStats, clickWidget, openTutorialPage, startServerAndChromium, waitFrames as frames,
} from './harness.mjs';
import { LearnerHand } from './learner_hand.mjs';

const USAGE = 'node web/tests/tutorial_tests.mjs --root build/wasm/web --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['root', 'out'], USAGE);
const root = path.resolve(opts.root);
const out = path.resolve(opts.out);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VIEWPORT = { width: 1280, height: 720 };

let base, browser, close;
const pageErrors = [];

// The steps of a tutorial file as the browser test needs them: title, check terms, test actions.
function readTutorial(file) {
  const steps = [];
  for (const line of fs.readFileSync(path.join(repo, file), 'utf8').split('\n')) {
    if (line.startsWith('## Step:')) steps.push({ title: line.slice(8).trim(), check: null, actions: [], widgets: [], highlights: [], watch: [], setup: false });
    const step = steps[steps.length - 1];
    const m = /^([a-z_]+): (.*)$/.exec(line);
    if (!step || !m) continue;
    if (m[1] === 'check') step.check = m[2].split(' and ').map((t) => t.trim().split(/\s+/));
    if (m[1] === 'widgets') step.widgets = m[2].split(',').map((w) => w.trim());
    if (m[1] === 'highlight') step.highlights.push(...m[2].split(',').map((w) => w.trim()));
    if (m[1] === 'watch') step.watch.push(...m[2].split(',').map((w) => w.trim()));
    if (m[1] === 'setup') step.setup = true;
    if (m[1] === 'test') {
      const [verb, target, ...rest] = m[2].trim().split(/\s+/);
      step.actions.push({ verb, target, args: rest.join(' ') });
    }
  }
  return steps;
}

// The regions a step watches that the tutorial window covers (or that are not on screen), as messages.
function watchedButHidden(step, p) {
  const win = p.widgets['tutorial-window'];
  return step.watch.flatMap((name) => {
    const r = p.widgets[name];
    if (!r) return [`${name} is not on screen`];
    const overlap = r[0] < win[0] + win[2] && win[0] < r[0] + r[2] && r[1] < win[1] + win[3] && win[1] < r[1] + r[3];
    return overlap ? [`${name} ${JSON.stringify(r)} lies under the tutorial window ${JSON.stringify(win)}`] : [];
  });
}

// The check's comparisons over the probe's facts, as the runner evaluates them (NaN/null never holds).
function holds(check, facts) {
  return check.every(([fact, op, number]) => {
    const a = facts[fact], b = Number(number);
    if (typeof a !== 'number') return false;
    const eq = Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    return { '==': eq, '!=': !eq, '<': a < b, '<=': a <= b || eq, '>': a > b, '>=': a >= b || eq }[op];
  });
}

const openLab = (context) => openTutorialPage(context, `${base}/`, pageErrors);

const call = (page, name, args) => page.evaluate(([n, a]) => Module.ccall(n, 'string', a.map(() => 'string'), a), [name, args]);
const openStep = (page, id, step) =>
  page.evaluate(([i, s]) => Module.ccall('lab_tutorial_open', 'string', ['string', 'number'], [i, s]), [id, step]);

const click = (page, read, name) => clickWidget(page, read, name, VIEWPORT);

// Reads the probe and fails at once if the tutorial window shows a red error line, or a character was drawn
// with the fallback glyph (one the font atlas lacks).
function noError(where) {
  return (p) => {
    assert(!p.tutorial.error, `${where}: the tutorial window shows an error: ${p.tutorial.error}`);
    assert(p.fallback_glyphs === 0, `${where}: ${p.fallback_glyphs} characters drawn without a glyph: '${p.fallback_chars}'`);
    return p;
  };
}

// Walks every step of tutorial `id` (file `file`) as a learner: the first step opened from the picker's data,
// every later one with the Next button; Check pressed with the mouse before the hand acts (it must fail), the
// step's `test:` lines performed by the hand, then the check must pass by itself. Returns a note.
async function walk(id, file, shootStep, viewport = VIEWPORT) {
  const steps = readTutorial(file);
  const context = await browser.newContext({ viewport });
  const { page, read } = await openLab(context);
  const hand = new LearnerHand(page, read, viewport);
  const notes = [];
  try {
    assert(await openStep(page, id, 0) === '', `${file}: the first step does not open`);
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      const where = `${file} step ${i + 1} '${s.title}'`;
      if (i > 0) await hand.click('tutorial-next');
      let p = await waitForProbe(read, (q) => q.tutorial.open && q.tutorial.step === i,
        { timeoutMs: 10_000, what: `${where} did not open with Next` });
      await frames(read, 3);
      p = noError(where)(await read());
      assert(p.tutorial.id === id, `${where}: tutorial ${p.tutorial.id} is open instead`);
      assert(p.tutorial.scroll_y === 0, `${where} opened scrolled down by ${p.tutorial.scroll_y} px`);
      // The step's widgets fit the window's width (nothing cut off at the side).
      const cut = p.clipped_x.filter((n) => s.widgets.some((w) => n.startsWith(`${w}.`)));
      assert(cut.length === 0, `${where}: cut off at the side of the window: ${cut.join(', ')}`);
      if (!s.check) {
        assert(p.tutorial.check === 'none', `${where} has no check but the probe says '${p.tutorial.check}'`);
        continue;
      }
      assert(p.tutorial.check === 'not_tried', `${where}: the check is '${p.tutorial.check}' before any action`);
      await hand.click('tutorial-check');
      p = noError(where)(await read());
      assert(p.tutorial.check === 'failed', `${where}: Check before the action gave '${p.tutorial.check}', not 'failed'`);
      assert(!holds(s.check, p.tutorial.facts), `${where}: the check's comparisons already hold before the action`,
        [JSON.stringify(p.tutorial.facts)]);
      assert(p.tutorial.hint_shown && p.widgets['tutorial-hint'], `${where}: no hint on screen after a failed try`);
      assert(!p.clipped.includes('tutorial-hint'), `${where}: the hint is not wholly in view`);
      const started = Date.now();
      let wait = 20;
      for (const a of s.actions) {
        if (a.verb === 'wait') wait = Number(a.target);
        else if (a.verb === 'hash') {  // building a model in the lab: set through its link (see the note)
          const hash = a.target === 'playground' ? `playground&${a.args}` : a.args;
          await page.evaluate((h) => { window.location.hash = h; }, hash);
          await frames(read, 2);
        } else await hand.perform(a);
        noError(where)(await read());
      }
      p = await waitForProbe(read, (q) => noError(where)(q).tutorial.check === 'passed', {
        timeoutMs: wait * 1000, intervalMs: 250, what: `${where}: the check did not pass after the hand acted`,
      });
      // What the step asks the learner to watch stays in view while it trains.
      if (s.watch.length) {
        const hidden = watchedButHidden(s, await read());
        assert(hidden.length === 0, `${where} at ${viewport.width}x${viewport.height}: ${hidden.join('; ')}`);
      }
      // The facts when it passed (a check stays passed while training moves them on).
      assert(holds(s.check, p.tutorial.passed_facts), `${where}: passed, but the comparisons do not hold`,
        [JSON.stringify(p.tutorial.passed_facts)]);
      // Every highlighted name is a widget on screen (a typo would outline nothing; a photo may still load).
      p = await waitForProbe(read, (q) => s.highlights.every((h) => q.widgets[h]), { timeoutMs: 15_000,
        what: `${where}: highlight names no widget on screen: ${s.highlights.filter((h) => !p.widgets[h]).join(', ')}` });
      if (Date.now() - started > 3000) notes.push(`step ${i + 1} ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if (i === shootStep) {
        await frames(read, 30);  // the widget's live replay has moved on
        const shot = path.join(out, `tutorial-${id}-${viewport.width}.png`);
        await page.screenshot({ path: shot });
        const stats = imageStats(shot);
        assert(stats.colours > 50 && stats.stddev > 0.05, `the screenshot of ${where} looks blank`, [`see ${shot}`]);
      }
      await hand.park();
    }
    // Back to an earlier step through the step list, as a learner would: it opens at its top, without an error.
    const back = Math.floor(steps.length / 2);
    await hand.choose('tutorial-steps', String(back + 1));
    let p = await waitForProbe(read, (q) => q.tutorial.step === back, { timeoutMs: 10_000, what: `the step list did not open step ${back + 1}` });
    await frames(read, 3);
    p = noError(`${file} step ${back + 1} reopened from the step list`)(await read());
    assert(p.tutorial.scroll_y === 0, `${file} step ${back + 1}, reopened from the step list, is scrolled down by ${p.tutorial.scroll_y} px`);
    const entry = p.tutorial.catalog.find((e) => e.id === id);
    assert(entry.done === entry.total, `after the walk ${entry.done} of ${entry.total} steps are done`);
    // Progress is saved: a reload shows the same count.
    await page.reload({ waitUntil: 'load' });
    const again = await waitForProbe(read, (q) => q.frame >= 5 && q.tutorial, { timeoutMs: 60_000, what: 'the app did not restart' });
    const saved = again.tutorial.catalog.find((e) => e.id === id);
    assert(saved.done === entry.total, `after a reload ${saved.done} of ${entry.total} steps are done (progress not saved)`);
  } finally {
    await context.close();
  }
  return `${steps.length} steps${notes.length ? '; ' + notes.join(', ') : ''}`;
}

async function setup() {
  fs.mkdirSync(out, { recursive: true });
  ({ base, browser, close } = await startServerAndChromium(root));
}

async function teardown() {
  await close?.();
}

test('first visit: the prompt starts tutorial 1, and is not shown again', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { page, read } = await openLab(context);
    let p = await read();
    assert(p.tutorial.prompt && p.widgets['tutorial-start'], 'no first-visit prompt on a first visit', [JSON.stringify(p.tutorial).slice(0, 300)]);
    assert(!p.tutorial.open, 'a tutorial is open before the learner chose one');
    await page.screenshot({ path: path.join(out, 'tutorial-prompt.png') });
    await click(page, read, 'tutorial-start');
    p = await waitForProbe(read, (q) => q.tutorial.open, { timeoutMs: 10_000, what: 'Start did not open a tutorial' });
    assert(p.tutorial.id === 'neurons' && p.tutorial.step === 0, `Start opened ${p.tutorial.id} step ${p.tutorial.step}`);
    assert(!p.tutorial.prompt && p.widgets['tutorial-window'], 'the prompt is still shown, or no tutorial window');
    await page.reload({ waitUntil: 'load' });
    p = await waitForProbe(read, (q) => q.frame >= 5 && q.tutorial, { timeoutMs: 60_000, what: 'the app did not restart' });
    assert(!p.tutorial.prompt && !p.widgets['tutorial-start'] && p.widgets.tutorials, 'the prompt came back after a reload');
    // The picker shows every tutorial at 720 px high, each with its button wholly in view.
    await click(page, read, 'tutorials');
    p = await waitForProbe(read, (q) => q.tutorial.picker, { timeoutMs: 10_000, what: 'the Tutorials button opened no picker' });
    await frames(read, 3);
    p = await read();
    const hidden = p.tutorial.catalog.filter((e) => e.ok).map((e) => `tutorial-open-${e.id}`)
      .filter((name) => !p.widgets[name] || p.clipped.includes(name));
    assert(hidden.length === 0, `the picker at ${VIEWPORT.height} px high does not show ${hidden.join(', ')}`);
    await page.screenshot({ path: path.join(out, 'tutorial-picker.png') });
  } finally {
    await context.close();
  }
});

// Every tutorial the page lists (its files are read for their test: lines), one test each.
const files = fs.readdirSync(path.join(repo, 'tutorials')).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
for (const name of files) {
  const file = `tutorials/${name}`;
  test(`${file}: every step, as a learner`, async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    let entry;
    try {
      const { read } = await openLab(context);
      entry = (await read()).tutorial.catalog.find((e) => e.file === file);
    } finally {
      await context.close();
    }
    assert(entry, `${file} is not in the page's catalog`);
    assert(entry.ok, `${file} does not load: ${entry.error}`);
    const steps = readTutorial(file);
    // The screenshot: the first step with widgets of its own (else the last step with a check).
    let shoot = steps.findIndex((s) => s.widgets.length > 0 && s.check);
    if (shoot < 0) shoot = steps.map((s) => !!s.check).lastIndexOf(true);
    return walk(entry.id, file, shoot);
  }, { timeoutMs: 900_000 });
}

// The tutorials with steps that watch the lab, walked again on a larger screen: the window stays off what
// they watch there too.
for (const name of files.filter((f) => readTutorial(`tutorials/${f}`).some((s) => s.watch.length))) {
  const file = `tutorials/${name}`;
  test(`${file}: every step, as a learner, at 1920x1080`, async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    let entry;
    try {
      entry = (await (await openLab(context)).read()).tutorial.catalog.find((e) => e.file === file);
    } finally {
      await context.close();
    }
    const steps = readTutorial(file);
    return walk(entry.id, file, steps.findIndex((s) => s.watch.length), { width: 1920, height: 1080 });
  }, { timeoutMs: 900_000 });
}

// Training that runs by itself is not the learner's action: with the playground playing in the background, a
// hover step stays not done until the hand hovers; leaving the step pauses the playground.
test('background training is not an action: a step passes only when the hand acts, and leaving it pauses the lab', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { page, read } = await openLab(context);
    const hand = new LearnerHand(page, read, VIEWPORT);
    let p = await read();
    if (p.tutorial.prompt) await hand.click('tutorial-dismiss');
    await hand.click('play');  // preparing: the playground trains before any tutorial is open
    p = await waitForProbe(read, (q) => q.playing, { timeoutMs: 10_000, what: 'play did not start the playground' });
    const step = readTutorial('tutorials/03-convolution.md').findIndex((st) => st.actions.some((a) => a.verb === 'hover' && a.target === 'conv_explorer.output'));
    assert(await openStep(page, 'convolution', step) === '', 'the conv hover step did not open');
    const epoch = (await read()).epoch;
    await waitForProbe(read, (q) => q.epoch >= epoch + 20, { timeoutMs: 30_000, what: 'the playground did not train in the background' });
    p = await read();
    assert(p.playing && !p.tutorial.acted && p.tutorial.check === 'not_tried',
      `background training counted as the learner's action (acted ${p.tutorial.acted}, check ${p.tutorial.check})`);
    await hand.perform({ verb: 'hover', target: 'conv_explorer.output', args: 'cell 2,1 of 3x3' });
    p = await waitForProbe(read, (q) => q.tutorial.check === 'passed', { timeoutMs: 10_000, what: 'hovering the cell did not pass the step' });
    await hand.click('tutorial-next');
    p = await waitForProbe(read, (q) => q.tutorial.step === step + 1, { timeoutMs: 10_000, what: 'Next did not open the next step' });
    assert(!p.playing, 'the playground still trains after the step was left');
    return `the playground trained to epoch ${p.epoch} without passing the step; the hover passed it; Next paused it`;
  } finally {
    await context.close();
  }
});

test('malformed tutorial files: errors naming file, step and line in the picker; the lab keeps working', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { page, read } = await openLab(context);
    const header = '---\nid: broken\ntitle: Broken\nsummary: s\n---\n';
    await call(page, 'lab_tutorial_inject', ['tutorials/98-bad-key.md', header + '## Step: One\nwidgets: neuron\nhilight: neuron.b\n']);
    await call(page, 'lab_tutorial_inject', ['tutorials/99-bad-widget.md', header.replace('broken', 'broken2') +
      '## Step: One\nText.\n\n## Step: Two\nwidgets: no_such_widget\n']);
    await call(page, 'lab_tutorial_inject', ['tutorials/97-unknown-fact.md', header.replace('broken', 'factless') +
      '## Step: Only\nwidgets: neuron\ncheck: neuron.nonexistent > 1\ntest: type neuron.b 1\n']);
    await call(page, 'lab_tutorial_inject', ['tutorials/96-unknown-region.md', header.replace('broken', 'regionless') +
      '## Step: Only\nwatch: heatmap, boundary-plot\ncheck: playground.epoch > 1\ntest: click play\n']);
    let p = await read();
    const bad = p.tutorial.catalog.find((e) => e.file === 'tutorials/98-bad-key.md');
    assert(bad && !bad.ok && bad.error === "tutorials/98-bad-key.md, step 1 'One' (line 8): unknown key 'hilight' " +
      "(a step's keys: widgets, setup, highlight, watch, check, hint, test)", `bad key: ${bad?.error}`);
    const widget = p.tutorial.catalog.find((e) => e.file === 'tutorials/99-bad-widget.md');
    assert(widget && widget.error === "tutorials/99-bad-widget.md, step 2 'Two' (line 10): unknown widget 'no_such_widget'",
      `bad widget: ${widget?.error}`);
    const good = p.tutorial.catalog.filter((e) => e.ok && /^tutorials\/0\d-/.test(e.file));
    assert(good.length === files.length, `only ${good.length} of the ${files.length} real tutorials still load`);
    // The picker shows the errors.
    if (p.tutorial.prompt) await click(page, read, 'tutorial-dismiss');
    await click(page, read, 'tutorials');
    p = await waitForProbe(read, (q) => q.tutorial.picker && Object.keys(q.widgets).some((w) => w.startsWith('tutorial-error-')),
      { timeoutMs: 10_000, what: 'the picker shows no error line' });
    await page.screenshot({ path: path.join(out, 'tutorial-picker-errors.png') });
    // A fact nobody publishes: refused when the file loads, naming file, step and line; it cannot be opened.
    const factless = p.tutorial.catalog.find((e) => e.file === 'tutorials/97-unknown-fact.md');
    assert(factless && factless.error === "tutorials/97-unknown-fact.md, step 1 'Only' (line 8): unknown fact " +
      "'neuron.nonexistent' (no widget of this step publishes it)", `unknown fact: ${factless?.error}`);
    assert(await openStep(page, 'factless', 0) !== '', 'a tutorial with an unknown fact opened');
    // A region to watch that the lab does not have: refused at load too.
    const unwatchable = p.tutorial.catalog.find((e) => e.file === 'tutorials/96-unknown-region.md');
    assert(unwatchable && unwatchable.error === "tutorials/96-unknown-region.md, step 1 'Only' (line 7): unknown region " +
      "to watch 'boundary-plot' (the lab's regions are listed in docs/tutorial-format.md)", `unknown region: ${unwatchable?.error}`);
    // The rest works: a real tutorial opens, and the playground trains.
    assert(await openStep(page, 'neurons', 0) === '', 'tutorial 1 does not open after the bad files');
    await call(page, 'lab_tutorial_close', []);
    await frames(read, 2);
    const before = (await read()).epoch;
    await click(page, read, 'play');
    p = await waitForProbe(read, (q) => q.epoch >= before + 5, { timeoutMs: 20_000, what: 'the playground did not train' });
    assert(pageErrors.length === 0, 'the page reported errors', pageErrors);
    return `errors shown; playground trained to epoch ${p.epoch}`;
  } finally {
    await context.close();
  }
});

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
