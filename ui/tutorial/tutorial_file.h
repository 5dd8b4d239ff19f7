// tutorial_file.h: the tutorial file format (docs/tutorial-format.md) as data, and its parser. Plain C++
// (no ImGui), so the parser is tested and fuzzed on its own; the app validates widget names against its
// registries (tutorial_catalog.h).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "check_expression.h"

namespace layerlab::tutorial {

// `setup: TARGET ...`: a widget's key=value pairs, or the lab's / playground's recipe hash.
struct SetupLine {
  std::string target;                                     // a widget name, "lab" or "playground"
  std::vector<std::pair<std::string, std::string>> pairs;  // for a widget
  std::string hash;                                       // for lab / playground (may be empty: just switch)
  // For the playground, a step that has the learner watch training sets a pace they can follow: a leading
  // `speed=step|epoch|ten-epochs|fast` (the playground's speeds, in its order) gives 0..3; -1: unchanged.
  int speed = -1;
  int line = 0;
};

// `test: VERB ...`: what the browser test's hand does as the learner (the app ignores these lines), on the
// widget rectangles the probe reports (docs/tutorial-format.md):
//   hover NAME [cell C,R of COLSxROWS]   the pointer onto the widget (a cell of a grid) and left there
//   click NAME [cell C,R of COLSxROWS]   a mouse click there
//   choose NAME ITEM                     opens the list box NAME, clicks ITEM
//   type NAME VALUE                      Ctrl+click on a slider or field, VALUE typed, Enter
//   key KEY                              a key pressed
//   hash lab|playground HASH             the page's location hash set to HASH (as a pasted link)
//   wait SECONDS                         how long the check may take to pass after the actions (default 20)
struct TestAction {
  std::string verb, target, args;
  int line = 0;
};

struct TutorialStep {
  std::string title;
  int line = 0;  // of the "## Step:" heading
  std::vector<std::string> widgets;
  int widgets_line = 0;
  std::vector<SetupLine> setups;
  std::vector<std::string> highlights;
  // Regions of the lab the step asks the learner to watch (e.g. the decision boundary): the tutorial window
  // moves aside or narrows so that they stay wholly in view.
  std::vector<std::string> watch;
  int watch_line = 0;
  CheckExpression check;  // empty: a read-only step
  int check_line = 0;
  std::string hint;
  std::string text;  // the Markdown subset (markdown_text.h)
  std::vector<TestAction> test_actions;
};

struct TutorialFile {
  std::string file;  // "tutorials/01-neurons-and-layers.md", for messages
  std::string id, title, summary;
  std::vector<TutorialStep> steps;
};

// Parses one file. On any problem: false, and *error is one sentence naming the file, the step and the
// line ("tutorials/x.md, step 2 'Stride' (line 31): unknown key 'hilight' (...)").
bool parse_tutorial_file(const std::string& file, const std::string& text, TutorialFile* out, std::string* error);

// "tutorials/x.md, step 2 'Stride' (line 31)": how messages name a place in a file.
std::string step_location(const TutorialFile& t, int step_index, int line);

}  // namespace layerlab::tutorial
