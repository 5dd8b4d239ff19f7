// lab_facts.cpp: what the lab tells the tutorial runner: the lab.* and playground.* facts of
// docs/tutorial-format.md, the setup of either workspace from a step, and the key that changes when the
// learner changes an experiment or trains.
#include <cmath>

#include "lab_recipe.h"
#include "playground_recipe.h"
#include "tutorial_runner.h"

namespace layerlab::ui {

void lab_facts(AppState& app, Facts& f) {
  LabState& lab = app.lab;
  const TrainingSession* s = lab.session.get();
  f["lab.active"] = app.mode == Mode::Models ? 1 : 0;
  f["lab.ready"] = lab.load.state == DatasetLoad::State::Ready ? 1 : 0;
  f["lab.playing"] = lab.playing ? 1 : 0;
  f["lab.epoch"] = s ? s->epoch() : 0;
  f["lab.steps"] = s ? static_cast<double>(s->steps()) : 0;
  double accuracy = NAN;
  if (s)
    for (const EpochRecord& r : s->history())
      if (std::isfinite(r.test.accuracy)) accuracy = r.test.accuracy;
  f["lab.test_accuracy"] = accuracy;
  int conv = 0, pool = 0, dense = 0, relu = 0;
  for (const LayerSpec& l : lab.recipe.layers) {
    relu += l.kind == LayerSpec::Kind::Activation && l.activation == Activation::ReLU;
    conv += l.kind == LayerSpec::Kind::Conv2D;
    pool += l.kind == LayerSpec::Kind::Pool2D;
    dense += l.kind == LayerSpec::Kind::Dense;
  }
  f["lab.layers"] = static_cast<double>(lab.recipe.layers.size());
  f["lab.conv_layers"] = conv;
  f["lab.pool_layers"] = pool;
  f["lab.dense_layers"] = dense;
  f["lab.relu_layers"] = relu;
  double params = NAN;  // unknown until the data's shape is known
  if (lab.load.train) {
    const StackRows& rows = lab_stack_rows(lab);
    if (rows.error.empty()) {
      params = 0;
      for (const StackRow& r : rows.rows) params += static_cast<double>(r.parameters);
    }
  }
  f["lab.params"] = params;
  f["lab.learning_rate"] = lab.recipe.training.learning_rate;
  f["lab.batch_size"] = lab.recipe.training.batch_size;
  f["lab.train_limit"] = lab.recipe.train_limit;
  f["lab.kernel_layers"] = static_cast<double>(app.lab_views.kernels.size());
  f["lab.map_layers"] = static_cast<double>(app.lab_views.maps.size());
  f["lab.tab"] = static_cast<int>(lab.tab);

  const TrainingSession* p = app.session.get();
  const EpochRecord* last = p && !p->history().empty() ? &p->history().back() : nullptr;
  f["playground.active"] = app.mode == Mode::Playground ? 1 : 0;
  f["playground.playing"] = app.playing ? 1 : 0;
  f["playground.epoch"] = p ? p->epoch() : 0;
  f["playground.steps"] = p ? static_cast<double>(p->steps()) : 0;
  f["playground.loss"] = last ? last->test.loss : NAN;
  f["playground.train_loss"] = last ? last->train.loss : NAN;
  f["playground.test_accuracy"] = last ? last->test.accuracy : NAN;
  f["playground.train_accuracy"] = last ? last->train.accuracy : NAN;
  int neurons = 0;
  for (int n : app.recipe.mlp.hidden) neurons += n;
  f["playground.hidden_layers"] = static_cast<double>(app.recipe.mlp.hidden.size());
  f["playground.neurons"] = neurons;
  f["playground.learning_rate"] = app.recipe.training.learning_rate;
  f["playground.batch_size"] = app.recipe.training.batch_size;
  f["playground.diverged"] = p && p->diverged() ? 1 : 0;
  f["playground.activation"] = static_cast<int>(app.recipe.mlp.activation);
  f["playground.shape"] = static_cast<int>(app.recipe.shape);
}

bool apply_lab_setup(AppState& app, const tutorial::SetupLine& setup, std::string* error) {
  if (setup.target == "playground") {
    set_mode(app, Mode::Playground);
    pause_lab(app);
    if (setup.speed >= 0) app.speed = setup.speed;
    if (setup.hash.empty()) return true;
    PlaygroundRecipe r = app.recipe;
    if (!decode_playground_recipe(setup.hash, &r, error)) return false;
    app.recipe = r;
    reset_session(app);
    app.selected = NeuronRef{};
    return true;
  }
  set_mode(app, Mode::Models);
  pause_lab(app);
  if (setup.hash.empty()) return true;
  LabRecipe r = app.lab.recipe;
  if (!decode_lab_recipe(setup.hash, &r, error)) return false;
  // As a link does (a new dataset is fetched, else the session is rebuilt); the same hash again still gives
  // fresh weights: the step starts from its own state.
  app.lab.hash.clear();
  if (!lab_apply_hash(app.lab, encode_lab_recipe(r))) {
    *error = app.lab.notice;
    return false;
  }
  return true;
}

// Training that runs on its own is not the learner's doing: while a workspace plays, only pressing play or
// pause (the flag) counts, not the steps it trains; while paused, a step or an epoch the learner trains counts.
std::string lab_change_key(const AppState& app) {
  const TrainingSession* lab = app.lab.session.get();
  const TrainingSession* play = app.session.get();
  auto trained = [](bool playing, const TrainingSession* s) {
    return playing ? std::string("playing") : std::to_string(s ? s->steps() : 0);
  };
  return encode_lab_recipe(app.lab.recipe) + "|" + std::to_string(static_cast<int>(app.lab.tab)) + "|" +
         trained(app.lab.playing || app.lab.epoch_target >= 0, lab) + "|" + encode_playground_recipe(app.recipe) + "|" +
         trained(app.playing, play);
}

void pause_lab(AppState& app) {
  app.playing = false;
  app.lab.playing = false;
  app.lab.epoch_target = -1;
}

}  // namespace layerlab::ui
