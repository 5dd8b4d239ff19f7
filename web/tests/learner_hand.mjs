// learner_hand.mjs: a learner's hand for the browser tests: the `test:` verbs of a tutorial step (hover, click,
// choose, type, key, wait) performed with real pointer and keyboard events on the rectangles the probe reports,
// each press and release on frames of their own (ImGui samples input once a frame), scrolling a widget into
// view first as a learner would. Nothing here sets the app's state.
import { assert, waitForProbe, waitFrames, widgetRect } from './harness.mjs';


// "2,1 of 3x3" -> the centre of that cell (column 2, row 1) within `rect`; no cell: the rectangle's centre.
function pointIn(rect, cell) {
  if (!cell) return { x: rect.cx, y: rect.cy };
  const m = /^(\d+),(\d+) of (\d+)x(\d+)$/.exec(cell);
  assert(m, `a cell is written 'C,R of COLSxROWS', not '${cell}'`);
  const [c, r, cols, rows] = m.slice(1).map(Number);
  assert(c < cols && r < rows, `cell ${cell} lies outside its grid`);
  return { x: Math.round(rect.x + (c + 0.5) * rect.w / cols), y: Math.round(rect.y + (r + 0.5) * rect.h / rows) };
}

export class LearnerHand {
  constructor(page, read, viewport) {
    this.page = page;
    this.read = read;
    this.viewport = viewport;
  }

  // Waits until the widget is on screen; if its window shows only part of it, scrolls the wheel over that
  // window (towards it) until it is wholly in view, as a learner would. Returns its rectangle.
  async find(name, timeoutMs = 20_000) {
    let p = await waitForProbe(this.read, (q) => q.widgets?.[name], { timeoutMs, what: `no widget '${name}' on screen` });
    for (let i = 0; i < 40 && p.clipped?.includes(name); i++) {
      const rect = widgetRect(p, name);
      const pane = widgetRect(p, 'tutorial-window');
      const below = rect.cy > pane.y + pane.h / 2;  // in the lower half: the wheel brings it up
      await this.page.mouse.move(pane.cx, pane.y + pane.h / 2);
      await this.page.mouse.wheel(0, below ? 60 : -60);
      await waitFrames(this.read, 3);
      p = await this.read();
    }
    assert(!p.clipped?.includes(name), `'${name}' stays partly out of view after scrolling`);
    // A hand aims at a target that has stopped moving (a layout settles a frame or two after a change).
    for (let i = 0; i < 20; i++) {
      await waitFrames(this.read, 2);
      const q = await this.read();
      if (JSON.stringify(q.widgets?.[name]) === JSON.stringify(p.widgets[name])) break;
      p = q;
    }
    return widgetRect(p, name);
  }

  async moveTo(name, cell) {
    const rect = await this.find(name);
    const at = pointIn(rect, cell);
    // A hand cannot reach what the tutorial window covers (a widget of the window itself lies wholly inside it).
    const win = (await this.read()).widgets['tutorial-window'];
    if (win) {
      const inside = (x, y) => x >= win[0] && x <= win[0] + win[2] && y >= win[1] && y <= win[1] + win[3];
      const own = inside(rect.x, rect.y) && inside(rect.x + rect.w, rect.y + rect.h);
      assert(own || !inside(at.x, at.y), `'${name}' lies under the tutorial window ${JSON.stringify(win)}`);
    }
    await this.page.mouse.move(at.x, at.y);
    await waitFrames(this.read, 2);
    return at;
  }

  async click(name, { cell, modifier } = {}) {
    await this.moveTo(name, cell);
    if (modifier) await this.page.keyboard.down(modifier);
    await this.page.mouse.down();
    await waitFrames(this.read, 3);
    await this.page.mouse.up();
    await waitFrames(this.read, 3);
    if (modifier) await this.page.keyboard.up(modifier);
  }

  async key(key) {
    await this.page.keyboard.down(key);
    await waitFrames(this.read, 2);
    await this.page.keyboard.up(key);
    await waitFrames(this.read, 2);
  }

  // Ctrl+click turns an ImGui slider, drag or number field into a text field with its text selected; the
  // value is typed and Enter pressed.
  async type(name, value) {
    await this.click(name, { modifier: 'Control' });
    await this.page.keyboard.down('Control');
    await this.key('a');
    await this.page.keyboard.up('Control');
    for (const ch of value) await this.key(ch);
    await this.key('Enter');
  }

  // Opens a list (a combo box noted as `name`) and clicks its item `item` (noted as `name=item`).
  async choose(name, item) {
    await this.click(name);
    await this.find(`${name}=${item}`, 5_000);
    await this.click(`${name}=${item}`);
  }

  async park() {
    await this.page.mouse.move(this.viewport.width - 1, this.viewport.height - 1);
    await waitFrames(this.read, 2);
  }

  // One `test:` line of a tutorial step. `wait` is handled by the caller (it bounds the check's wait).
  async perform({ verb, target, args }) {
    const cell = /^cell (.+)$/.exec(args)?.[1];
    switch (verb) {
      case 'hover': return this.moveTo(target, cell);
      case 'click': await this.click(target, { cell }); return this.park();
      case 'choose': await this.choose(target, args); return this.park();
      case 'type': await this.type(target, args); return this.park();
      case 'key': return this.key(target);
      default: throw new Error(`unknown test verb '${verb}' (the hand's verbs: hover, click, choose, type, key, wait)`);
    }
  }
}
