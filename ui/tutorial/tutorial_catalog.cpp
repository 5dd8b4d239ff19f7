// tutorial_catalog.cpp: validating tutorials against the app's widgets and the lab's facts; progress text.
#include "tutorial_catalog.h"

#include <algorithm>
#include <sstream>

#include "lab_recipe.h"
#include "playground_recipe.h"

namespace layerlab::tutorial {

const std::vector<std::string>& lab_fact_names() {
  static const std::vector<std::string> names = {
      "lab.active", "lab.ready", "lab.playing", "lab.epoch", "lab.steps", "lab.test_accuracy", "lab.layers",
      "lab.conv_layers", "lab.pool_layers", "lab.dense_layers", "lab.relu_layers", "lab.params", "lab.learning_rate",
      "lab.batch_size", "lab.train_limit", "lab.kernel_layers", "lab.map_layers", "lab.tab",
      "playground.active", "playground.playing", "playground.epoch", "playground.steps", "playground.loss",
      "playground.train_loss", "playground.test_accuracy", "playground.train_accuracy",
      "playground.hidden_layers", "playground.neurons", "playground.learning_rate", "playground.batch_size",
      "playground.diverged", "playground.activation", "playground.shape"};
  return names;
}

const std::vector<std::string>& watchable_regions() {
  static const std::vector<std::string> names = {
      "heatmap", "metrics", "loss-plot", "epoch",                                 // the playground's output panel
      "accuracy-plot", "batch-loss-plot", "feature-maps", "kernels", "model-parameters", "previous-model", "confusion",
      "layer-grad-norms", "weight-histograms", "dead-relus", "gates", "generated-text"};
  return names;
}

namespace {

bool known(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string validate(const TutorialFile& t, const std::vector<CatalogEntry>& catalog, const WidgetFacts& widgets) {
  for (const CatalogEntry& e : catalog)
    if (e.ok() && e.tutorial.id == t.id) return t.file + ": id '" + t.id + "' is already used by " + e.file;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const TutorialStep& s = t.steps[i];
    const int index = static_cast<int>(i);
    for (const std::string& w : s.widgets)
      if (!widgets.count(w)) return step_location(t, index, s.widgets_line) + ": unknown widget '" + w + "'";
    for (const SetupLine& setup : s.setups) {
      std::string why;
      if (setup.target == "lab" && !setup.hash.empty()) {
        LabRecipe recipe;
        if (!decode_lab_recipe(setup.hash, &recipe, &why)) return step_location(t, index, setup.line) + ": bad lab setup: " + why;
      } else if (setup.target == "playground" && !setup.hash.empty()) {
        PlaygroundRecipe recipe;
        if (!decode_playground_recipe(setup.hash, &recipe, &why))
          return step_location(t, index, setup.line) + ": bad playground setup: " + why;
      }
    }
    for (const std::string& w : s.watch)
      if (!known(watchable_regions(), w))
        return step_location(t, index, s.watch_line) + ": unknown region to watch '" + w + "' (the lab's regions are listed in docs/tutorial-format.md)";
    for (const Comparison& c : s.check.terms) {
      const bool lab_side = c.fact.rfind("lab.", 0) == 0 || c.fact.rfind("playground.", 0) == 0;
      if (lab_side && !known(lab_fact_names(), c.fact))
        return step_location(t, index, s.check_line) + ": unknown fact '" + c.fact + "' (the lab publishes lab.* and playground.* facts listed in docs/tutorial-format.md)";
      bool published = lab_side;
      for (const std::string& w : s.widgets) published = published || known(widgets.at(w), c.fact);
      if (!published)
        return step_location(t, index, s.check_line) + ": unknown fact '" + c.fact + "' (no widget of this step publishes it)";
    }
    for (const TestAction& a : s.test_actions) {
      std::string why;
      if (a.verb != "hash") continue;
      LabRecipe lab;
      PlaygroundRecipe playground;
      const bool ok = a.target == "lab" ? decode_lab_recipe(a.args, &lab, &why) : decode_playground_recipe(a.args, &playground, &why);
      if (!ok) return step_location(t, index, a.line) + ": bad test hash: " + why;
    }
  }
  return "";
}

}  // namespace

void add_tutorial(std::vector<CatalogEntry>& catalog, const std::string& file, const std::string& text,
                  const WidgetFacts& widgets) {
  CatalogEntry entry;
  entry.file = file;
  if (parse_tutorial_file(file, text, &entry.tutorial, &entry.error))
    entry.error = validate(entry.tutorial, catalog, widgets);
  const auto at = std::upper_bound(catalog.begin(), catalog.end(), entry,
                                   [](const CatalogEntry& a, const CatalogEntry& b) { return a.file < b.file; });
  catalog.insert(at, std::move(entry));
}

int TutorialProgress::done_count(const std::string& id) const {
  const auto it = done.find(id);
  return it == done.end() ? 0 : static_cast<int>(std::count(it->second.begin(), it->second.end(), true));
}

std::string encode_progress(const TutorialProgress& p) {
  std::ostringstream out;
  out << "layerlab-tutorials 1\nprompt " << (p.prompt_done ? 1 : 0) << "\n";
  for (const auto& [id, steps] : p.done) {
    const auto last = p.last_step.find(id);
    out << "step " << id << ' ' << (last == p.last_step.end() ? 0 : last->second) << ' ';
    for (bool b : steps) out << (b ? '1' : '0');
    out << "\n";
  }
  return out.str();
}

TutorialProgress decode_progress(const std::string& text) {
  TutorialProgress p;
  std::istringstream in(text.size() <= 65536 ? text : "");
  std::string line;
  if (!std::getline(in, line) || line != "layerlab-tutorials 1") return p;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind, id, bits;
    int number = 0;
    if (!(words >> kind)) continue;
    if (kind == "prompt" && (words >> number)) p.prompt_done = number == 1;
    if (kind != "step" || !(words >> id >> number)) continue;
    words >> bits;  // may be empty: no step done yet
    if (id.size() > 64 || bits.size() > 100 || number < 0 || number >= 100) continue;
    if (bits.find_first_not_of("01") != std::string::npos) continue;
    std::vector<bool> done;
    for (char c : bits) done.push_back(c == '1');
    p.done[id] = done;
    p.last_step[id] = number;
  }
  return p;
}

}  // namespace layerlab::tutorial
