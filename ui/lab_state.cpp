// lab_state.cpp: the lab workspace's state machine: dataset loading, sessions, training within the frame
// budget, the loss trace, and the URL hash.
#include "lab_state.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <climits>
#include <cmath>
#include <exception>
#include <stdexcept>

namespace layerlab::ui {

namespace {
constexpr size_t kMaxLossPoints = 4000;
constexpr int kEvaluationLimit = 2000;  // test examples behind each point of the epoch curves

double wall_seconds() {
  using Clock = std::chrono::steady_clock;
  static const Clock::time_point start = Clock::now();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void read_dataset(LabState& lab) {
  DatasetRequest request;
  request.name = lab.load.name;
  request.data_dir = platform_data_dir();
  request.seed = lab.recipe.seed;
  DatasetPair pair;
  std::string error;
  bool ok = false;
  try {
    ok = load_dataset_pair(request, &pair, &error);
  } catch (const std::exception& e) {  // std::bad_alloc on a set too large for the page's memory
    error = std::string("it does not fit in memory (") + e.what() + ")";
  }
  if (!ok) {
    lab.load.state = DatasetLoad::State::Failed;
    lab.load.error = "Cannot load " + lab.load.name + ": " + error;
    return;
  }
  if (pair.train.is_regression() == false && pair.train.classes < 2) {
    lab.load.state = DatasetLoad::State::Failed;
    lab.load.error = "Cannot train on " + lab.load.name + ": it has fewer than two classes";
    return;
  }
  lab.load.title = pair.title;
  lab.load.train = std::make_shared<const Dataset>(std::move(pair.train));
  lab.load.test = std::make_shared<const Dataset>(std::move(pair.test));
  lab.load.state = DatasetLoad::State::Ready;
}
// After the picker changed the dataset: a stack that cannot train on it (a CNN on sequences, a
// many-to-one LSTM on a label per step) becomes the preset that can, with a note saying so.
void fit_model_to_data(LabState& lab) {
  const Dataset& d = *lab.load.train;
  try {
    make_lab_session(lab.recipe, lab.load.train, lab.load.test);
    return;
  } catch (const std::exception&) {
  }
  const LabPreset preset = d.channels > 0 ? LabPreset::Cnn : d.steps > 0 ? LabPreset::Lstm : LabPreset::Mlp;
  LabRecipe r = lab_preset_recipe(preset, lab.recipe.dataset);
  if (d.label_steps > 1) r.layers.back().return_sequences = true;  // a prediction at every step
  lab.recipe.layers = r.layers;
  lab.recipe.training = r.training;
  lab.notice_is_error = true;
  lab.notice = std::string("The previous model cannot take ") + lab.load.name + "'s examples " +
               shape_text(lab_model_spec(r, d).input) + ": switched to the " + lab_preset_name(preset) + " preset.";
}
}  // namespace

const char* lab_speed_name(int speed) {
  static const char* names[kLabSpeedCount] = {"1 step a frame", "10 steps a frame", "as fast as possible"};
  return names[std::clamp(speed, 0, kLabSpeedCount - 1)];
}

int lab_speed_steps(int speed) {
  static const int steps[kLabSpeedCount] = {1, 10, INT_MAX};
  return steps[std::clamp(speed, 0, kLabSpeedCount - 1)];
}

int lab_steps_per_epoch(const LabState& lab) {
  if (!lab.session) return 0;
  const int batch = std::max(1, lab.session->config().batch_size);
  return (lab.session->train_set().size() + batch - 1) / batch;
}

// Every epoch is the same number of mini-batches (the last one smaller), counted from where the session
// started or was restored: so the position in the epoch follows from the step counter.
int lab_epoch_steps_done(const LabState& lab) {
  if (!lab.session) return 0;
  const long into = lab.session->steps() - lab.epoch_base_step -
                    static_cast<long>(lab.session->epoch() - lab.epoch_base) * lab_steps_per_epoch(lab);
  return static_cast<int>(std::clamp<long>(into, 0, lab_steps_per_epoch(lab)));
}

void lab_request_dataset(LabState& lab) {
  const DatasetLoad::State s = lab.load.state;
  if (lab.load.name == lab.recipe.dataset && s != DatasetLoad::State::Failed && s != DatasetLoad::State::Idle) return;
  lab.playing = false;
  lab.session.reset();
  lab.load = DatasetLoad{};
  lab.load.name = lab.recipe.dataset;
  lab.load.state = DatasetLoad::State::Fetching;
  lab.example = 0;
  lab.notice.clear();
  start_fetch(files_for_dataset(lab.load.name));
}

void lab_reset_session(LabState& lab) {
  // A model of another stack that trained an epoch or more stays on screen as the one to compare with.
  if (lab.session && lab.session_layers != format_layers(lab.recipe.layers) && lab.session->epoch() >= 1 &&
      !lab.session->history().empty() && std::isfinite(lab.session->history().back().test.accuracy))
    lab.previous = PreviousModel{lab.session_layers, static_cast<long long>(lab.session->network().params().total_size()),
                                 lab.session->epoch(), lab.session->history().back().test.accuracy};
  lab.playing = false;
  lab.epoch_target = -1;
  lab.session.reset();
  lab.losses.clear();
  ++lab.session_id;
  lab.layer = lab.cell_x = lab.cell_y = -1;
  lab.setup_error.clear();
  if (lab.load.state != DatasetLoad::State::Ready) return;
  LabRecipe r = lab.recipe;
  r.training.evaluate_in_slices = true;  // no frame waits for a whole test set
  r.training.evaluation_limit = kEvaluationLimit;
  std::unique_ptr<SessionSnapshot> restore = std::move(lab.autosave.restore);
  if (restore && restore->recipe == encode_lab_recipe(lab.recipe)) {
    LoadedModel saved;
    std::string error;
    try {
      if (!model_from_bytes(restore->model.data(), restore->model.size(), &saved, &error, "the autosaved model"))
        throw std::invalid_argument(error);
      const int epoch = saved.meta.epoch;
      const long steps = static_cast<long>(saved.meta.step);
      lab.session = std::make_unique<TrainingSession>(make_lab_session(r, lab.load.train, lab.load.test, std::move(saved)));
      lab.session->restore_progress(epoch, steps, restore->history);
      lab.notice_is_error = false;
      lab.notice = "Restored " + lab.autosave.restore_source + ": epoch " + std::to_string(epoch) + ", step " +
                   std::to_string(steps) + ".";
      lab.autosave.saved_step = steps;
      lab.autosave.saved_recipe = restore->recipe;
    } catch (const std::exception& e) {
      lab.session.reset();
      lab.notice_is_error = true;
      lab.notice = "Could not continue " + lab.autosave.restore_source + " (" + e.what() + "): starting from new weights.";
    }
  }
  if (!lab.session) {
    try {
      lab.session = std::make_unique<TrainingSession>(make_lab_session(r, lab.load.train, lab.load.test));
    } catch (const std::exception& e) {
      lab.setup_error = e.what();
    }
  }
  if (lab.session) {  // a new or restored session starts at the beginning of an epoch
    lab.session_layers = format_layers(lab.recipe.layers);
    lab.epoch_base_step = lab.session->steps();
    lab.epoch_base = lab.session->epoch();
  }
  lab.example = std::clamp(lab.example, 0, std::max(0, lab.load.test->size() - 1));
}

void lab_toggle_play(LabState& lab) {
  if (!lab.session || lab.session->diverged()) return;
  lab.playing = !lab.playing;
  lab.epoch_target = -1;
  if (!lab.playing) lab_autosave(lab, lab.last_frame_time, true);
  lab.rate_time = lab.last_frame_time;
  lab.rate_steps = lab.session->steps();
  lab.train_seconds = 0.0;
}

void lab_step_once(LabState& lab) {
  if (!lab.session || lab.session->diverged()) return;
  lab.playing = false;
  lab.epoch_target = -1;
  if (gpu_training_active(lab.gpu)) gpu_training_advance(lab.gpu, *lab.session, 0.0, 1);  // its loss arrives later
  else lab.losses.push_back({lab.session->steps() + 1, lab.session->step()});
}

void lab_step_epoch(LabState& lab) {
  if (!lab.session || lab.session->diverged()) return;
  if (lab.epoch_target >= 0) {  // pressed again while it runs: stop where it is
    lab.epoch_target = -1;
    return;
  }
  lab.playing = false;
  lab.epoch_target = lab.session->epoch() + 1;
  lab.rate_time = lab.last_frame_time;
  lab.rate_steps = lab.session->steps();
  lab.train_seconds = 0.0;
}

bool lab_apply_hash(LabState& lab, const std::string& hash) {
  if (hash.empty() || hash == lab.hash) return true;
  LabRecipe r = lab.recipe;
  std::string error;
  if (!decode_lab_recipe(hash, &r, &error)) {
    lab.notice_is_error = true;
    lab.notice = "The link's experiment could not be read (" + error + "); the lab kept the current one.";
    return false;
  }
  lab.recipe = r;
  lab.hash = hash;
  lab.notice.clear();
  if (lab.load.name != r.dataset || lab.load.state == DatasetLoad::State::Failed) lab_request_dataset(lab);
  else lab_reset_session(lab);
  return true;
}

void lab_frame(LabState& lab, double now) {
  const double frame_seconds = now - lab.last_frame_time;
  lab.last_frame_time = now;

  DatasetLoad& load = lab.load;
  if (load.state == DatasetLoad::State::Fetching) {
    std::string error;
    const FetchState f = poll_fetch(&load.progress, &error);
    if (f == FetchState::Done) load.state = DatasetLoad::State::Reading;  // read next frame, after "Reading" is drawn
    if (f == FetchState::Failed) {
      load.state = DatasetLoad::State::Failed;
      load.error = "Cannot download " + load.name + ": " + error;
    }
  } else if (load.state == DatasetLoad::State::Reading) {
    read_dataset(lab);
    if (lab.fit_model_on_load && load.state == DatasetLoad::State::Ready) fit_model_to_data(lab);
    lab.fit_model_on_load = false;
    lab_reset_session(lab);
  }

  // The GPU's answers (steps, weights read back) and its device; its steps join the loss trace as they arrive.
  const int gpu_steps = gpu_training_poll(lab.gpu, lab.session.get(), lab.session_id,
                                          lab.playing || lab.epoch_target >= 0, now);
  const bool on_gpu = lab.session && gpu_training_active(lab.gpu);
  const bool stepping_epoch = lab.epoch_target >= 0 && lab.session;
  lab.steps_last_frame = 0;
  if ((lab.playing || stepping_epoch) && lab.session) {
    // Train less below 34 frames a second, more above 45 (4 to 14 ms a frame). A step can cost more than
    // a frame's budget (a CNN batch in wasm: ~17 ms), so the budget accrues as credit: a frame trains only
    // when the credit is positive and pays for what it used, and the frame rate holds either way.
    if (frame_seconds > 1.0 / 34.0) lab.training_budget = std::max(0.004, lab.training_budget * 0.8);
    else if (frame_seconds < 1.0 / 45.0) lab.training_budget = std::min(0.014, lab.training_budget * 1.1);
    lab.training_credit = std::min(lab.training_credit + lab.training_budget, 2.0 * lab.training_budget);
    // The speed caps the mini-batches a frame; "step one epoch" never goes past the epoch's last one.
    int max_steps = lab_speed_steps(lab.speed);
    if (stepping_epoch) max_steps = std::min(max_steps, lab_steps_per_epoch(lab) - lab_epoch_steps_done(lab));
    int steps = 0;
    if (lab.training_credit > 0.0 && max_steps > 0) {
      const double start = wall_seconds();
      if (on_gpu) gpu_training_advance(lab.gpu, *lab.session, lab.training_credit, max_steps);
      else steps = lab.session->advance(max_steps, lab.training_credit);
      const double used = wall_seconds() - start;
      lab.training_credit -= used;
      lab.train_seconds += used;
    }
    steps += gpu_steps;
    if (steps > 0) {
      lab.losses.push_back({lab.session->steps(), lab.session->last_batch_loss()});
      if (lab.losses.size() > kMaxLossPoints) {  // keep every other point: the trace spans all of training
        size_t k = 0;
        for (size_t i = 0; i < lab.losses.size(); i += 2) lab.losses[k++] = lab.losses[i];
        lab.losses.resize(k);
      }
    }
    lab.steps_last_frame = steps;
    if (lab.session->diverged()) lab.playing = false, lab.epoch_target = -1;
    if (stepping_epoch && lab.session->epoch() >= lab.epoch_target) {
      lab.epoch_target = -1;
      lab_autosave(lab, now, true);
    }
    if (now - lab.rate_time >= 1.0) {
      const long steps_done = lab.session->steps() - lab.rate_steps;
      lab.steps_per_second = static_cast<double>(steps_done) / (now - lab.rate_time);
      lab.ms_per_step = steps_done > 0 ? 1000.0 * lab.train_seconds / static_cast<double>(steps_done) : 0.0;
      if (on_gpu && steps_done > 0) lab.ms_per_step = 1000.0 * (now - lab.rate_time) / static_cast<double>(steps_done);
      lab.rate_time = now;
      lab.rate_steps = lab.session->steps();
      lab.train_seconds = 0.0;
    }
  }

  std::vector<uint8_t> opened;
  std::string opened_name;
  if (poll_open_file(&opened, &opened_name)) {
    if (lab.opening == OpenKind::Csv) lab_open_csv(lab, opened, opened_name);
    else lab_open_model(lab, opened, opened_name);
    lab.opening = OpenKind::None;
  }
  // Paused, an evaluation under way (epoch 0's, or one a step started) still finishes, a slice a frame.
  if (!lab.playing && !stepping_epoch && gpu_steps > 0)
    lab.losses.push_back({lab.session->steps(), lab.session->last_batch_loss()});
  if (!lab.playing && lab.epoch_target < 0 && lab.session && lab.session->evaluating()) lab.session->advance(0, 0.004);
  lab_autosave(lab, now, false);
  const std::string hash = encode_lab_recipe(lab.recipe);
  if (hash != lab.hash) {
    write_location_hash(hash);
    lab.hash = hash;
  }
}

namespace {
std::vector<uint8_t> session_model_bytes(const LabState& lab) {
  const TrainingSession& s = *lab.session;
  TrainingMetadata meta;
  meta.seed = lab.recipe.seed;
  meta.epoch = s.epoch();
  meta.step = s.steps();
  meta.dataset = lab.recipe.dataset;
  meta.learning_rate = lab.recipe.training.learning_rate;
  meta.batch_size = s.config().batch_size;
  meta.loss = s.config().loss;
  meta.class_names = s.train_set().class_names;
  return model_to_bytes(lab_model_spec(lab.recipe, s.train_set()), s.network(), &s.optimizer(), meta);
}
}  // namespace

void lab_autosave(LabState& lab, double now, bool force) {
  const TrainingSession* s = lab.session.get();
  if (!s || s->diverged() || !lab.autosave.read_done) return;  // never overwrite a save not yet read
  if (gpu_training_stale(lab.gpu)) return;  // the weights are on the GPU: saved after the next readback
  if (!force && now - lab.autosave.last_time < 3.0) return;
  const std::string recipe = encode_lab_recipe(lab.recipe);
  if (s->steps() == lab.autosave.saved_step && recipe == lab.autosave.saved_recipe) return;
  SessionSnapshot snap;
  snap.recipe = recipe;
  snap.history = s->history();
  snap.model = session_model_bytes(lab);
  write_autosave(snapshot_to_bytes(snap));
  lab.autosave.last_time = now;
  lab.autosave.saved_step = s->steps();
  lab.autosave.saved_recipe = recipe;
  ++lab.autosave.saves;
}

void lab_save_model(LabState& lab) {
  if (!lab.session) return;
  const std::string name = "layerlab-" + lab.recipe.dataset + "-step" + std::to_string(lab.session->steps()) + ".llm";
  lab.notice_is_error = false;
  lab.notice = "Model file " + save_file(name, session_model_bytes(lab)) + ".";
}

void lab_open_model(LabState& lab, const std::vector<uint8_t>& bytes, const std::string& name) {
  LoadedModel model;
  std::string error;
  lab.notice_is_error = true;
  if (bytes.empty()) {
    lab.notice = "Cannot open " + name + ": the file is empty, unreadable or over 1 GB.";
    return;
  }
  if (!model_from_bytes(bytes.data(), bytes.size(), &model, &error, name)) {
    lab.notice = "Cannot open the model: " + error + ". The lab kept the current experiment.";
    return;
  }
  bool known = false;
  for (const auto& entry : dataset_catalog()) known |= entry.first == model.meta.dataset && entry.second.rfind("2-D", 0) != 0;
  if (!known || model.spec.layers.empty()) {
    lab.notice = "Cannot open " + name + ": it was trained on '" + model.meta.dataset.substr(0, 40) +
                 "', which is not one of the lab's image or sequence datasets.";
    return;
  }
  LabRecipe r = lab.recipe;
  r.dataset = model.meta.dataset;
  // The output layer follows the data, and a flatten before it is the lab's to add (lab_model_spec).
  r.layers.assign(model.spec.layers.begin(), model.spec.layers.end() - 1);
  if (!r.layers.empty() && r.layers.back().kind == LayerSpec::Kind::Flatten) r.layers.pop_back();
  if (model.meta.learning_rate > 0.0f) r.training.learning_rate = model.meta.learning_rate;
  if (model.meta.batch_size > 0) r.training.batch_size = model.meta.batch_size;
  r.seed = model.meta.seed;
  auto snapshot = std::make_unique<SessionSnapshot>();
  snapshot->recipe = encode_lab_recipe(r);
  snapshot->model = bytes;
  lab_restore(lab, std::move(snapshot), "the model file " + name);
}

void lab_open_csv(LabState& lab, const std::vector<uint8_t>& bytes, const std::string& name) {
  std::string safe;  // the file's own name, reduced to letters, digits, '-', '_' and '.'
  for (char c : name.substr(0, 48))
    safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (safe.size() < 4 || safe.compare(safe.size() - 4, 4, ".csv") != 0) safe += ".csv";
  const std::string path = platform_upload_dir() + "/" + safe;
  FILE* f = std::fopen(path.c_str(), "wb");
  const bool written = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f) std::fclose(f);
  if (!written || bytes.empty()) {
    lab.notice_is_error = true;
    lab.notice = "Cannot open " + name + ": the file is empty or could not be stored.";
    return;
  }
  lab.recipe.dataset = path;
  lab.load.state = DatasetLoad::State::Idle;  // read again even when a file of this name was open before
  lab_request_dataset(lab);
  lab.fit_model_on_load = true;
}

void lab_restore(LabState& lab, std::unique_ptr<SessionSnapshot> snapshot, const std::string& source) {
  const std::string recipe = snapshot->recipe;
  lab.autosave.restore_source = source;
  lab.autosave.restore = std::move(snapshot);
  lab.hash.clear();  // apply even when the page's hash already is this experiment
  if (!lab_apply_hash(lab, recipe)) {
    lab.autosave.restore.reset();
    return;
  }
  if (lab.load.state == DatasetLoad::State::Ready && lab.autosave.restore) lab_reset_session(lab);
}

const StackRows& lab_stack_rows(LabState& lab) {
  StackRows& cache = lab.stack;
  if (!lab.load.train) {
    cache = StackRows{};
    return cache;
  }
  const ModelSpec full = lab_model_spec(lab.recipe, *lab.load.train);
  const std::string key = shape_text(full.input) + "|" + format_layers(full.layers);
  if (key == cache.key) return cache;
  cache.key = key;
  cache.rows.clear();
  cache.error = validate_spec(full);
  ModelSpec prefix;
  prefix.input = full.input;
  for (size_t i = 0; i < full.layers.size(); ++i) {  // each layer's shape as far as the stack is valid
    prefix.layers.push_back(full.layers[i]);
    StackRow row;
    row.name = format_layers({full.layers[i]});
    row.automatic = i >= lab.recipe.layers.size();
    const std::vector<LayerSummary> summary = summarize(prefix);
    if (!summary.empty()) {
      row.shape = summary.back().output_shape;
      row.parameters = summary.back().parameters;
    }
    cache.rows.push_back(row);
  }
  return cache;
}

}  // namespace layerlab::ui
