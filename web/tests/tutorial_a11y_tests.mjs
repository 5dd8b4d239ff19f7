// Browser tests of the tutorials' accessibility: the page's accessibility tree (a named canvas, a Tutorial region
// with the open step's title and plain text, a polite live region), a read-only step and a slider step passed with
// the keyboard alone, key presses shorter than a frame, and screenshots of the focus highlight at 1280x720.
import fs from 'node:fs';
import path from 'node:path';
import {
  test, run, assert, parseOptions, waitForProbe, waitFrames as frames, imageStats, openTutorialPage, startServerAndChromium,
} from './harness.mjs';

const USAGE = 'node web/tests/tutorial_a11y_tests.mjs --root build/wasm/web --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['root', 'out'], USAGE);
const root = path.resolve(opts.root);
const out = path.resolve(opts.out);
const VIEWPORT = { width: 1280, height: 720 };

let base, browser, close;
const pageErrors = [];

// A fresh page with tutorial `id` open at `step` (opened as the picker would: the only call into the app, everything
// after it is keyboard input); runs body({ page, read }) and closes the page.
async function inStep(id, step, body) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const { page, read } = await openTutorialPage(context, `${base}/`, pageErrors);
    const before = await page.ariaSnapshot();
    const answer = await page.evaluate(([i, s]) => Module.ccall('lab_tutorial_open', 'string', ['string', 'number'], [i, s]), [id, step]);
    assert(answer === '', `opening ${id} step ${step + 1} failed: ${answer}`);
    await waitForProbe(read, (p) => p.tutorial.open && p.tutorial.id === id && p.tutorial.step === step && p.widgets['tutorial-window'],
      { timeoutMs: 10_000, what: `${id} step ${step + 1} is not open` });
    const note = await body({ page, read, before });
    assert(pageErrors.length === 0, 'the page reported errors', pageErrors);
    return note;
  } finally {
    await context.close();
  }
}

// The widget (by its probe name) under the centre of ImGui's keyboard focus highlight, or ''.
function focusedWidget(p, names) {
  const f = p.keyboard_focus;
  if (!f) return '';
  const [cx, cy] = [f[0] + f[2] / 2, f[1] + f[3] / 2];
  return names.find((n) => {
    const r = p.widgets[n];
    return r && cx >= r[0] && cx <= r[0] + r[2] && cy >= r[1] && cy <= r[1] + r[3];
  }) ?? '';
}

// Presses Tab (page.keyboard) until the focus highlight is on `name`; returns how many presses it took.
async function tabTo(page, read, name, names) {
  for (let presses = 1; presses <= 30; presses++) {
    await page.keyboard.press('Tab');
    await frames(read, 2);
    if (focusedWidget(await read(), names) === name) return presses;
  }
  const p = await read();
  throw new Error(`30 Tabs never reached ${name}; the focus is at ${JSON.stringify(p.keyboard_focus)} (${focusedWidget(p, names) || 'no widget'})`);
}

const NEURON = ['neuron.x1', 'neuron.x2', 'neuron.w1', 'neuron.w2', 'neuron.b', 'neuron.activation',
  'tutorial-back', 'tutorial-check', 'tutorial-next', 'tutorial-steps'];
const near = (a, b) => typeof a === 'number' && Math.abs(a - b) < 1e-4;
const liveText = (page) => page.locator('#a11y-live').textContent();

async function setup() {
  fs.mkdirSync(out, { recursive: true });
  ({ base, browser, close } = await startServerAndChromium(root));
}

async function teardown() {
  await close?.();
}

test('accessibility tree: a named canvas, the Tutorial region with the step as plain text, a polite live region', () =>
  inStep('neurons', 0, async ({ page, read, before }) => {
    assert(/application "LayerLab, /.test(before), 'the canvas has no role application with a name', [before.slice(0, 300)]);
    assert(!before.includes('region "Tutorial"'), 'a Tutorial region is in the tree while no tutorial is open', [before]);
    await frames(read, 2);
    fs.writeFileSync(path.join(out, 'tutorial-a11y-tree.txt'), await page.ariaSnapshot());
    const region = await page.getByRole('region', { name: 'Tutorial' }).ariaSnapshot();
    const lines = [
      '- heading "1. Neurons and layers" [level=2]',
      'heading "Step 1 of 7: What a neuron computes" [level=3]',
      'paragraph: z = w₁ x₁ + w₂ x₂ + b, output = f(z).',
      'Your turn: change only the bias so that the neuron\'s output becomes exactly 0.',
      'paragraph: 0 of 7 steps done',
      'To do: the task above.',
    ];
    for (const line of lines) assert(region.includes(line), `the Tutorial region lacks ${line}`, region.split('\n'));
    assert(!/[$]|\*\*|`/.test(region), 'the Tutorial region still has Markdown or TeX markers', region.split('\n'));
    const status = page.getByRole('status').filter({ hasText: 'Step 1 of 7' });
    assert(await status.getAttribute('aria-live') === 'polite', 'the announcement is not in a polite live region');
    const said = await status.textContent();
    assert(said.startsWith('Step 1 of 7: What a neuron computes. A neuron takes its inputs'), `the live region says: ${said}`);
    const box = await page.locator('#a11y-tutorial').boundingBox();
    assert(box && box.width <= 1 && box.height <= 1, `the hidden region takes ${JSON.stringify(box)} on screen`);
    return `${region.split('\n').length} lines in the region`;
  }));

test('keyboard alone: Tab to Next and Enter pass a read-only step (tutorial 2 step 1)', () =>
  inStep('training', 0, async ({ page, read }) => {
    const presses = await tabTo(page, read, 'tutorial-next', ['tutorial-back', 'tutorial-next', 'tutorial-steps']);
    await page.keyboard.press('Enter');
    const p = await waitForProbe(read, (q) => q.tutorial.step === 1, { timeoutMs: 10_000, what: 'Enter on Next did not open step 2' });
    assert(p.tutorial.id === 'training', `the open tutorial is ${p.tutorial.id}`);
    await page.waitForFunction(() => document.getElementById('a11y-step').textContent.startsWith('Step 2 of 8'), null, { timeout: 5_000 });
    const said = await liveText(page);
    assert(said.startsWith('Step 2 of 8: Too large diverges.'), `the live region says: ${said.slice(0, 120)}`);
    assert(await page.locator('#a11y-progress').textContent() === '1 of 8 steps done', 'the read step is not counted as done');
    return `${presses} Tab(s) to Next`;
  }));

test('keyboard alone: the bias slider passes tutorial 1 step 1 (Space and arrows, then Enter and typing)', () =>
  inStep('neurons', 0, async ({ page, read }) => {
    const presses = await tabTo(page, read, 'neuron.b', NEURON);
    await page.screenshot({ path: path.join(out, 'tutorial-a11y-focus.png') });
    await page.keyboard.press('Space');  // holds the slider: the arrows change it
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');  // lets it go
    let p = await waitForProbe(read, (q) => near(q.tutorial.facts['neuron.b'], -0.3),
      { timeoutMs: 10_000, what: 'five presses of ArrowLeft did not take b from 0 to -0.3 (1% of [-3, 3] each)' });
    assert(p.tutorial.check !== 'passed', 'the step passed with b = -0.3 (z = 0.7 > 0)');
    await page.keyboard.press('Enter');  // the slider as a text field (ImGui 1.86 leaves the caret at its end)
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-1.5');
    await page.keyboard.press('Enter');
    p = await waitForProbe(read, (q) => q.tutorial.check === 'passed',
      { timeoutMs: 10_000, what: 'typing -1.5 into the b slider did not pass the step' });
    assert(near(p.tutorial.facts['neuron.b'], -1.5) && p.tutorial.facts['neuron.output'] === 0,
      `b = ${p.tutorial.facts['neuron.b']}, output = ${p.tutorial.facts['neuron.output']}`);
    await page.waitForFunction(() => document.getElementById('a11y-status').textContent === 'Done: well done. Press Next.', null,
      { timeout: 5_000 });
    const said = await liveText(page);
    assert(said.startsWith('Done: well done. Press Next.'), `the live region says: ${said}`);
    await tabTo(page, read, 'tutorial-next', NEURON);
    await page.screenshot({ path: path.join(out, 'tutorial-a11y-next.png') });
    await page.keyboard.press('Space');
    await waitForProbe(read, (q) => q.tutorial.step === 1, { timeoutMs: 10_000, what: 'Space on Next did not open step 2' });
    return `${presses} Tab(s) to b; b = -1.5 passed; Next opened step 2`;
  }));

test('key presses shorter than a frame are not lost; lab shortcuts wait while the focus highlight is shown', () =>
  inStep('neurons', 0, async ({ page, read }) => {
    await tabTo(page, read, 'neuron.w1', NEURON);
    await page.keyboard.press('Space');
    await frames(read, 2);
    // Five presses and releases dispatched in one task: no frame can run between any of them.
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++)
        for (const type of ['keydown', 'keyup'])
          window.dispatchEvent(new KeyboardEvent(type, { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39, bubbles: true }));
    });
    await waitForProbe(read, (q) => near(q.tutorial.facts['neuron.w1'], 0.8), { timeoutMs: 10_000,
      what: 'five presses within one frame did not each move w1 by 0.06 (from 0.5 to 0.8)' });
    await frames(read, 5);
    let p = await read();
    assert(near(p.tutorial.facts['neuron.w1'], 0.8), `w1 went on to ${p.tutorial.facts['neuron.w1']}`);
    await page.keyboard.press('Space');
    // With the highlight shown, Space is the focused control's, not the playground's play button.
    const epoch = p.epoch;
    await tabTo(page, read, 'tutorial-back', NEURON);
    await page.keyboard.press('Space');  // Back on step 1: nothing to go back to
    await frames(read, 20);
    p = await read();
    assert(!p.playing && p.epoch === epoch, `Space on a focused control also played the lab (epoch ${epoch} -> ${p.epoch})`);
    await page.keyboard.press('Escape');  // hides the highlight: the keys are the shortcuts' again
    await frames(read, 2);
    assert(!(await read()).keyboard_focus, 'Escape did not hide the focus highlight');
    await page.keyboard.press('Space');
    await waitForProbe(read, (q) => q.playing, { timeoutMs: 5_000, what: 'Space did not play once the highlight was hidden' });
    return 'w1 0.5 -> 0.8 from 5 presses in one frame';
  }));

test('Tab goes on from the tutorial window to the lab, and Shift+Tab comes back', () =>
  inStep('neurons', 0, async ({ page, read }) => {
    await tabTo(page, read, 'tutorial-check', NEURON);  // the window's last control (Next is disabled)
    await page.keyboard.press('Tab');
    await frames(read, 2);
    let p = await read();
    const lab = focusedWidget(p, Object.keys(p.widgets).filter((n) => !n.startsWith('tutorial') && !n.startsWith('neuron')));
    await page.screenshot({ path: path.join(out, 'tutorial-a11y-lab-focus.png') });
    assert(lab === 'play', `Tab after the tutorial's last control went to '${lab || JSON.stringify(p.keyboard_focus)}', not the lab's first control (play)`);
    await page.keyboard.press('Shift+Tab');
    await frames(read, 2);
    p = await read();
    assert(focusedWidget(p, NEURON) === 'tutorial-check', `Shift+Tab went to ${JSON.stringify(p.keyboard_focus)}, not back to Check`);
    return 'Check -> play -> Check';
  }));

test('screenshots at 1280x720: the hidden region is not drawn, the focus highlight is', () =>
  inStep('neurons', 0, async ({ page, read }) => {
    await tabTo(page, read, 'tutorial-check', NEURON);
    const r = (await read()).widgets['tutorial-check'];
    // A strip just left of the Check button: inside ImGui's focus frame, outside the button.
    const clip = { x: Math.round(r[0]) - 4, y: Math.round(r[1]), width: 3, height: Math.round(r[3]) };
    const shown = path.join(out, 'tutorial-a11y-check-focus.png'), hidden = path.join(out, 'tutorial-a11y-check-plain.png');
    await page.screenshot({ path: path.join(out, 'tutorial-a11y-check.png') });
    await page.screenshot({ path: shown, clip });
    await page.keyboard.press('Escape');
    await frames(read, 3);
    await page.screenshot({ path: hidden, clip });
    const [a, b] = [imageStats(shown), imageStats(hidden)];
    assert(a.cool > 0.5 && b.cool < 0.1, `the focus frame is not seen beside Check: blue ${a.cool.toFixed(2)} with it, ${b.cool.toFixed(2)} without`);
    const layout = await page.evaluate(() => {
      const el = document.getElementById('a11y-tutorial');
      const box = el.getBoundingClientRect();
      return { w: box.width, h: box.height, overflow: getComputedStyle(el).overflow };
    });
    assert(layout.w <= 1 && layout.h <= 1 && layout.overflow === 'hidden', `the hidden region is laid out as ${JSON.stringify(layout)}`);
    return `blue beside Check: ${a.cool.toFixed(2)} focused, ${b.cool.toFixed(2)} not`;
  }));

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
