// app_state.cpp: building sessions, stepping training within a frame budget, refreshing the views.
#include "app_state.h"

#include <algorithm>
#include <climits>
#include <exception>

namespace layerlab::ui {

const char* const kPlaygroundHash = "playground";

const char* speed_name(int speed) {
  static const char* names[kSpeedCount] = {"1 step a frame", "1 epoch a frame", "10 epochs a frame",
                                           "as fast as possible"};
  return names[speed < 0 || speed >= kSpeedCount ? kSpeedCount - 1 : speed];
}

void reset_session(AppState& app) {
  try {
    app.session = std::make_unique<TrainingSession>(make_playground_session(app.recipe));
    app.setup_error.clear();
  } catch (const std::exception& e) {
    app.session.reset();
    app.setup_error = e.what();
    app.playing = false;
  }
  if (app.selected.layer >= static_cast<int>(app.recipe.mlp.hidden.size()) ||
      (!app.selected.is_output() && app.selected.neuron >= app.recipe.mlp.hidden[static_cast<size_t>(app.selected.layer)]))
    app.selected = NeuronRef{};
  app.boundary_step = -1;
}

void advance_training(AppState& app, double now_seconds) {
  const double frame_seconds = now_seconds - app.last_frame_time;
  app.last_frame_time = now_seconds;
  if (!app.playing || !app.session) return;
  // Below 40 frames a second, train less each frame; above 50, more (1 to 12 ms).
  if (frame_seconds > 1.0 / 40.0) app.training_budget = std::max(0.001, app.training_budget * 0.8);
  else if (frame_seconds < 1.0 / 50.0) app.training_budget = std::min(0.012, app.training_budget * 1.1);
  // Steps per frame: one, an epoch's worth (the playground's pace), ten epochs, or all the budget allows.
  const TrainingSession& s = *app.session;
  const int steps_per_epoch = (s.train_set().size() + s.config().batch_size - 1) / s.config().batch_size;
  const int steps_for_speed[kSpeedCount] = {1, steps_per_epoch, 10 * steps_per_epoch, INT_MAX};
  app.session->advance(steps_for_speed[app.speed], app.training_budget);
  if (app.session->diverged()) app.playing = false;
  if (now_seconds - app.rate_time >= 1.0) {
    app.steps_per_second = static_cast<double>(app.session->steps() - app.rate_steps) / (now_seconds - app.rate_time);
    app.rate_time = now_seconds;
    app.rate_steps = app.session->steps();
  }
}

void refresh_views(AppState& app, double now_seconds) {
  if (!app.session) return;
  const long step = app.session->steps();
  if (step == app.boundary_step) return;
  if (app.playing && now_seconds - app.boundary_time < 1.0 / 15.0) return;
  app.boundary.update(app.session->network(), app.recipe.mlp, app.recipe.training.loss, app.discretize);
  app.boundary_step = step;
  app.boundary_time = now_seconds;
}

bool FramePacer::should_draw(double now, long frame) {
  if (drew_last && last_time > 0.0) drawn_cost = 0.8 * drawn_cost + 0.2 * (now - last_time);
  last_time = now;
  if (drawn_cost > 1.0 / 40.0) every = 2;
  else if (drawn_cost < 1.0 / 50.0) every = 1;
  drew_last = frame % every == 0;
  return drew_last;
}

void toggle_play(AppState& app) {
  if (!app.session || app.session->diverged()) return;
  app.playing = !app.playing;
  app.rate_time = app.last_frame_time;  // measure the rate from now, not from the page load
  app.rate_steps = app.session->steps();
}

void step_once(AppState& app) {
  if (!app.session || app.session->diverged()) return;
  app.playing = false;
  app.session->step();
}

void set_mode(AppState& app, Mode mode) {
  if (app.mode == mode) return;
  app.mode = mode;
  app.playing = false;
  app.lab.playing = false;
  if (mode == Mode::Models) lab_request_dataset(app.lab);
  app.lab.hash.clear();  // each workspace writes its link again
  app.playground_hash.clear();
}

void apply_location_hash(AppState& app, const std::string& hash) {
  const std::string prefix = kPlaygroundHash;
  if (hash == prefix || hash.rfind(prefix + "&", 0) == 0) {
    set_mode(app, Mode::Playground);
    PlaygroundRecipe r = app.recipe;
    std::string error;
    if (decode_playground_recipe(hash.size() > prefix.size() ? hash.substr(prefix.size() + 1) : "", &r, &error)) {
      app.recipe = r;
      reset_session(app);
    } else {
      app.banner = "The link's playground could not be read (" + error + "); the playground kept its settings.";
    }
    return;
  }
  if (hash.empty()) return;
  set_mode(app, Mode::Models);
  lab_apply_hash(app.lab, hash);
}

void sync_location_hash(AppState& app) {
  if (location_hash_changed()) apply_location_hash(app, read_location_hash());
  if (app.mode != Mode::Playground) return;  // the models workspace writes its own (lab_frame)
  const std::string hash = std::string(kPlaygroundHash) + "&" + encode_playground_recipe(app.recipe);
  if (hash == app.playground_hash) return;
  write_location_hash(hash);
  app.playground_hash = hash;
}

void poll_autosave(AppState& app) {
  Autosave& a = app.lab.autosave;
  if (a.read_done) return;
  std::vector<uint8_t> bytes;
  if (!poll_autosave_read(&bytes)) return;
  a.read_done = true;
  if (bytes.empty()) return;
  auto snapshot = std::make_unique<SessionSnapshot>();
  std::string error;
  if (!snapshot_from_bytes(bytes.data(), bytes.size(), snapshot.get(), &error)) {
    app.banner = "Your autosaved session could not be restored: " + error +
                 ". The lab starts fresh; the next autosave replaces the damaged copy.";
    return;
  }
  const std::string hash = read_location_hash();
  if (!hash.empty() && hash != snapshot->recipe) return;  // a link to another experiment (or the playground) wins
  set_mode(app, Mode::Models);
  lab_restore(app.lab, std::move(snapshot), "your autosaved session");
}

}  // namespace layerlab::ui
