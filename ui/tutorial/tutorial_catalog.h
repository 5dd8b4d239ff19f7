// tutorial_catalog.h: the tutorials the lab offers (the files embedded at build time, plus any added by the
// test API), each parsed and validated, or kept with the error that names its file, step and line; and
// the learner's progress in its saved text form. Plain C++: tested without ImGui.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "tutorial_file.h"

namespace layerlab::tutorial {

struct CatalogEntry {
  std::string file;
  TutorialFile tutorial;  // valid when error is empty
  std::string error;      // why the file cannot be used (shown in the picker)
  bool ok() const { return error.empty(); }
};

// The facts the lab publishes for checks (the widgets publish their own): "lab.test_accuracy", ...
const std::vector<std::string>& lab_fact_names();
// The regions of the lab a step may ask the learner to watch (`watch:`), as the panels note them on screen:
// "heatmap", "loss-plot", ...
const std::vector<std::string>& watchable_regions();

// Each widget kind the app has, by name, with the facts it publishes ("neuron" -> "neuron.z", ...).
using WidgetFacts = std::map<std::string, std::vector<std::string>>;

// Parses `text` and checks it against what the app has: every widget a step names is in `widgets`, every
// lab/playground setup hash decodes, every fact a check reads is a lab./playground. fact or one a widget of
// that step publishes, and the id is not taken. The entry is added either way (sorted by file name), with
// its error if any.
void add_tutorial(std::vector<CatalogEntry>& catalog, const std::string& file, const std::string& text,
                  const WidgetFacts& widgets);

// The files embedded from tutorials/*.md at build time: {path, text}, sorted by path.
struct EmbeddedTutorial {
  const char* path;
  const char* text;
};
const std::vector<EmbeddedTutorial>& embedded_tutorials();

// What the learner has done, saved between visits.
struct TutorialProgress {
  bool prompt_done = false;  // the first-visit prompt was answered (started or dismissed)
  std::map<std::string, std::vector<bool>> done;  // per tutorial id: which steps passed (or were read)
  std::map<std::string, int> last_step;            // per tutorial id: the step last open
  int done_count(const std::string& id) const;
};
// "layerlab-tutorials 1\nprompt 1\nstep neurons 3 10110\n" and back. Reading is forgiving: a damaged
// or foreign line is skipped (progress is a convenience, never a reason to fail).
std::string encode_progress(const TutorialProgress& p);
TutorialProgress decode_progress(const std::string& text);

}  // namespace layerlab::tutorial
