// tutorial_runner.h: TutorialState, the tutorials the lab offers and the one open, and the functions that
// run a step: open it (widgets made, setup applied), gather facts each frame, notice the learner's actions,
// evaluate the check, save progress. The window that shows it all is tutorial_window.cpp.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app_state.h"
#include "tutorial_catalog.h"
#include "widget_api.h"

namespace layerlab::ui {

enum class CheckState { None, NotTried, Failed, Passed };  // None: a read-only step
const char* check_state_name(CheckState s);                 // "none", "not_tried", "failed", "passed"

struct OpenWidget {
  std::string name;
  std::unique_ptr<TutorialWidget> widget;
};

struct TutorialState {
  std::vector<tutorial::CatalogEntry> catalog;
  tutorial::TutorialProgress progress;
  bool picker_open = false;
  int open = -1;  // catalog index of the open tutorial; -1: none
  int step = 0;
  std::vector<OpenWidget> widgets;  // the open tutorial's, one per kind, kept across its steps
  Facts widget_facts;               // what the step's widgets last published
  Facts facts;                      // this frame's: the lab's and the widgets'
  CheckState check = CheckState::None;
  Facts passed_facts;               // the facts when the check passed (it stays passed as they change on)
  bool acted = false;               // the learner acted since the step opened
  // Frames left before the action baseline is taken; until then facts are not yet this step's (its widgets have
  // not drawn, the lab has not settled) and the check is not evaluated.
  int baseline_frames = 0;
  double baseline_actions = 0.0;
  std::string baseline_lab;         // the lab's recipes and step counts when the step opened
  double opened_time = -1.0, now = 0.0;
  int failed_tries = 0;
  bool hint_shown = false;
  std::string error;                // the last error (a bad setup, an unknown fact), naming file and step
  int place_window = 3;             // frames left to put the window where it hides fewest of the highlights
  bool scroll_to_top = false;       // the step just opened: its text starts at the top
  float scroll_y = 0.0f;            // how far the step's text pane is scrolled (for the probe)
  bool window_moved_aside = false;  // the window was placed beside a step's watched regions
  float watch_place[4] = {};        // where (x, y, width, height) it was last placed for them
  bool loaded = false;              // tutorials_init ran (the app defers it until its first frame is on screen)
};

// The embedded tutorials, validated against both widget registries, and the saved progress. The app calls it
// once its first frame is drawn (parsing and validating the files takes tens of ms); the test API on first use.
void tutorials_init(TutorialState& t);
// Adds one more file (the test API's injection): listed in the picker, with its error if it has one.
void tutorials_add_file(TutorialState& t, const std::string& path, const std::string& text);
// Every tutorial widget kind with the facts it publishes (learnt once from a fresh widget of each kind).
const tutorial::WidgetFacts& tutorial_widget_facts();

// Opens catalog entry `entry` at `step`: makes the step's widgets, applies its setup to them and the lab.
// False + *error (also kept in t.error) when the entry is broken or a setup is refused.
bool open_tutorial_step(TutorialState& t, AppState& app, int entry, int step, std::string* error);
bool open_tutorial(TutorialState& t, AppState& app, const std::string& id, int step, std::string* error);
// Closes the open tutorial; the lab's training pauses, as when any step is left.
void close_tutorial(TutorialState& t, AppState& app);
// Each frame, before drawing: the lab's facts, the action baseline and action detection.
void tutorials_frame(TutorialState& t, AppState& app, double now_seconds);
// After the widgets drew (their facts are in): evaluates the check; passes it when it holds after an action.
void tutorials_evaluate(TutorialState& t, bool pressed_check);
// The learner's input to a widget of the open step (the page's test API): false + *error when there is no
// such widget open or it refuses the input.
bool tutorial_act(TutorialState& t, const std::string& widget, const WidgetSettings& input, std::string* error);
// Marks the first-visit prompt answered and saves.
void tutorials_prompt_done(TutorialState& t);
const tutorial::TutorialStep* current_step(const TutorialState& t);
bool step_done(const TutorialState& t, int step);

// The lab's facts (docs/tutorial-format.md) from the app: lab.* and playground.*.
void lab_facts(AppState& app, Facts& facts);
// A `setup: lab|playground HASH` line: switches workspace, pauses, applies the recipe as a link would.
bool apply_lab_setup(AppState& app, const tutorial::SetupLine& setup, std::string* error);
// A text that changes whenever the learner changes either workspace's experiment or trains a step.
std::string lab_change_key(const AppState& app);
// Stops training in both workspaces (a step is left, or a step that watches training opens).
void pause_lab(AppState& app);

// The tutorial window, the picker, the first-visit prompt, the top-bar button and the highlights.
void draw_tutorials(TutorialState& t, AppState& app);
// The open step's widget facts and state, as JSON for the probe.
std::string tutorial_probe_json(const TutorialState& t);
// The state the page's test API (tutorial_api.cpp) acts on, and its probe JSON ("null" before start-up).
void set_tutorial_api_target(TutorialState* t, AppState* app);
std::string tutorial_probe_field();

}  // namespace layerlab::ui
