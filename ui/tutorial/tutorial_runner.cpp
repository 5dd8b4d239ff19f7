// tutorial_runner.cpp: opening steps, facts, action detection, checks and saved progress.
#include "tutorial_runner.h"

#include <cmath>

#include "platform.h"

namespace layerlab::ui {

namespace {
constexpr const char* kProgressKey = "layerlab.tutorials";
constexpr int kBaselineFrames = 2;  // the lab settles (hash written, session rebuilt) before the baseline

void save_progress(const TutorialState& t) { write_setting(kProgressKey, tutorial::encode_progress(t.progress)); }

const tutorial::CatalogEntry* open_entry(const TutorialState& t) {
  return t.open >= 0 && t.open < static_cast<int>(t.catalog.size()) ? &t.catalog[static_cast<size_t>(t.open)] : nullptr;
}

TutorialWidget* find_widget(const TutorialState& t, const std::string& name) {
  for (const OpenWidget& w : t.widgets)
    if (w.name == name) return w.widget.get();
  return nullptr;
}

std::unique_ptr<TutorialWidget> make_widget(const std::string& name) {
  for (const auto* kinds : {&basic_tutorial_widgets(), &vision_sequence_tutorial_widgets()})
    for (const TutorialWidgetKind& k : *kinds)
      if (name == k.name) return k.make();
  return nullptr;
}

double action_count(const Facts& facts) {
  double sum = 0.0;
  const std::string suffix = ".actions";
  for (const auto& [name, value] : facts)
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        std::isfinite(value))
      sum += value;
  return sum;
}

void mark_done(TutorialState& t, int step) {
  const tutorial::CatalogEntry* e = open_entry(t);
  if (!e) return;
  std::vector<bool>& done = t.progress.done[e->tutorial.id];
  done.resize(e->tutorial.steps.size(), false);
  if (done[static_cast<size_t>(step)]) return;
  done[static_cast<size_t>(step)] = true;
  save_progress(t);
}
}  // namespace

const char* check_state_name(CheckState s) {
  switch (s) {
    case CheckState::None: return "none";
    case CheckState::NotTried: return "not_tried";
    case CheckState::Failed: return "failed";
    case CheckState::Passed: return "passed";
  }
  return "none";
}

const tutorial::WidgetFacts& tutorial_widget_facts() {
  static const tutorial::WidgetFacts kinds = [] {
    tutorial::WidgetFacts all;
    for (const auto* list : {&basic_tutorial_widgets(), &vision_sequence_tutorial_widgets()})
      for (const TutorialWidgetKind& k : *list) {
        Facts facts;
        k.make()->publish(facts);  // a fresh widget publishes every fact it has
        std::vector<std::string>& names = all[k.name];
        for (const auto& [name, value] : facts) names.push_back(name);
      }
    return all;
  }();
  return kinds;
}

void tutorials_init(TutorialState& t) {
  t.catalog.clear();
  for (const tutorial::EmbeddedTutorial& e : tutorial::embedded_tutorials())
    tutorial::add_tutorial(t.catalog, e.path, e.text, tutorial_widget_facts());
  t.progress = tutorial::decode_progress(read_setting(kProgressKey));
  t.loaded = true;
}

void tutorials_add_file(TutorialState& t, const std::string& path, const std::string& text) {
  const std::string open_id = open_entry(t) ? open_entry(t)->tutorial.id : "";
  tutorial::add_tutorial(t.catalog, path, text, tutorial_widget_facts());
  // The catalog is sorted by file: find the open tutorial again.
  t.open = -1;
  for (size_t i = 0; i < t.catalog.size() && !open_id.empty(); ++i)
    if (t.catalog[i].ok() && t.catalog[i].tutorial.id == open_id) t.open = static_cast<int>(i);
}

const tutorial::TutorialStep* current_step(const TutorialState& t) {
  const tutorial::CatalogEntry* e = open_entry(t);
  if (!e || !e->ok() || t.step < 0 || t.step >= static_cast<int>(e->tutorial.steps.size())) return nullptr;
  return &e->tutorial.steps[static_cast<size_t>(t.step)];
}

bool step_done(const TutorialState& t, int step) {
  const tutorial::CatalogEntry* e = open_entry(t);
  if (!e) return false;
  const auto it = t.progress.done.find(e->tutorial.id);
  return it != t.progress.done.end() && step >= 0 && step < static_cast<int>(it->second.size()) &&
         it->second[static_cast<size_t>(step)];
}

bool open_tutorial_step(TutorialState& t, AppState& app, int entry, int step, std::string* error) {
  auto fail = [&](const std::string& why) {
    t.error = why;
    *error = why;
    return false;
  };
  if (entry < 0 || entry >= static_cast<int>(t.catalog.size())) return fail("no such tutorial");
  const tutorial::CatalogEntry& e = t.catalog[static_cast<size_t>(entry)];
  if (!e.ok()) return fail(e.error);
  if (step < 0 || step >= static_cast<int>(e.tutorial.steps.size()))
    return fail(e.file + " has " + std::to_string(e.tutorial.steps.size()) + " steps; there is no step " + std::to_string(step + 1));
  if (t.open != entry) t.widgets.clear();  // another tutorial: fresh widgets
  // Leaving a step stops the lab's training: a step never passes on training the learner did not start here.
  if (t.open >= 0) pause_lab(app);
  t.open = entry;
  t.step = step;
  t.error.clear();
  t.widget_facts.clear();
  const tutorial::TutorialStep& s = e.tutorial.steps[static_cast<size_t>(step)];
  for (const std::string& name : s.widgets) {
    if (find_widget(t, name)) continue;
    std::unique_ptr<TutorialWidget> w = make_widget(name);
    if (!w) return fail(tutorial::step_location(e.tutorial, step, s.line) + ": unknown widget '" + name + "'");
    t.widgets.push_back({name, std::move(w)});
  }
  for (const tutorial::SetupLine& setup : s.setups) {
    std::string why;
    bool ok = true;
    if (setup.target == "lab" || setup.target == "playground") {
      ok = apply_lab_setup(app, setup, &why);
    } else {
      WidgetSettings settings(setup.pairs.begin(), setup.pairs.end());
      ok = find_widget(t, setup.target)->setup(settings, &why);
    }
    if (!ok) return fail(tutorial::step_location(e.tutorial, step, setup.line) + ": setup of " + setup.target + " refused: " + why);
  }
  t.check = s.check.empty() ? CheckState::None : CheckState::NotTried;
  t.passed_facts.clear();
  t.acted = false;
  t.baseline_frames = kBaselineFrames;
  t.opened_time = -1.0;
  t.failed_tries = 0;
  t.hint_shown = false;
  t.place_window = 3;  // the lab's widgets are drawn (and noted) a frame after a workspace switch
  t.scroll_to_top = true;
  t.progress.last_step[e.tutorial.id] = step;
  t.progress.prompt_done = true;
  if (s.check.empty()) mark_done(t, step);  // read-only: done once read
  save_progress(t);
  return true;
}

bool open_tutorial(TutorialState& t, AppState& app, const std::string& id, int step, std::string* error) {
  for (size_t i = 0; i < t.catalog.size(); ++i)
    if (t.catalog[i].ok() && t.catalog[i].tutorial.id == id) return open_tutorial_step(t, app, static_cast<int>(i), step, error);
  *error = "no tutorial with id '" + id + "'";
  for (const tutorial::CatalogEntry& e : t.catalog)
    if (!e.ok() && e.error.find(id) != std::string::npos) *error += " that loaded (" + e.error + ")";
  t.error = *error;
  return false;
}

void close_tutorial(TutorialState& t, AppState& app) {
  if (t.open >= 0) pause_lab(app);
  t.open = -1;
  t.widgets.clear();
  t.widget_facts.clear();
  t.check = CheckState::None;
}

void tutorials_frame(TutorialState& t, AppState& app, double now) {
  t.now = now;
  t.facts.clear();
  lab_facts(app, t.facts);
  if (!current_step(t)) return;
  if (t.opened_time < 0) t.opened_time = now;
  if (t.baseline_frames > 0) {
    if (--t.baseline_frames == 0) {
      t.baseline_actions = action_count(t.widget_facts);
      t.baseline_lab = lab_change_key(app);
    }
    return;
  }
  if (!t.acted && (action_count(t.widget_facts) != t.baseline_actions || lab_change_key(app) != t.baseline_lab)) t.acted = true;
  // A hint also comes by itself after 90 seconds on an unfinished step.
  if (t.check != CheckState::None && t.check != CheckState::Passed && now - t.opened_time > 90.0) t.hint_shown = true;
}

void tutorials_evaluate(TutorialState& t, bool pressed) {
  const tutorial::TutorialStep* s = current_step(t);
  if (!s || s->check.empty() || t.check == CheckState::Passed) return;
  // Until the step's facts are in (its widgets drew, the lab settled) there is nothing to judge: Check says
  // "not yet" without blaming the learner.
  if (t.baseline_frames > 0 || (!s->widgets.empty() && t.widget_facts.empty())) {
    if (pressed) t.check = CheckState::Failed;
    return;
  }
  for (const auto& [name, value] : t.widget_facts) t.facts[name] = value;
  std::string missing;
  const tutorial::CheckOutcome outcome = tutorial::evaluate_check(s->check, t.facts, &missing);
  if (outcome == tutorial::CheckOutcome::UnknownFact) {
    t.error = tutorial::step_location(t.catalog[static_cast<size_t>(t.open)].tutorial, t.step, s->check_line) +
              ": unknown fact '" + missing + "' (no widget of this step publishes it)";
    if (pressed) t.check = CheckState::Failed;
    return;
  }
  const bool passes = outcome == tutorial::CheckOutcome::Passed && t.acted;
  if (passes) {
    t.check = CheckState::Passed;
    t.passed_facts = t.facts;
    t.error.clear();
    mark_done(t, t.step);
  } else if (pressed) {
    t.check = CheckState::Failed;
    ++t.failed_tries;
    t.hint_shown = true;
  }
}

bool tutorial_act(TutorialState& t, const std::string& widget, const WidgetSettings& input, std::string* error) {
  const tutorial::TutorialStep* s = current_step(t);
  if (!s) {
    *error = "no tutorial step is open";
    return false;
  }
  bool listed = false;
  for (const std::string& w : s->widgets) listed = listed || w == widget;
  TutorialWidget* w = listed ? find_widget(t, widget) : nullptr;
  if (!w) {
    *error = "the open step has no widget '" + widget + "'";
    return false;
  }
  return w->act(input, error);
}

void tutorials_prompt_done(TutorialState& t) {
  t.progress.prompt_done = true;
  save_progress(t);
}

}  // namespace layerlab::ui
