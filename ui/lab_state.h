// lab_state.h: LabState, the image-and-sequence workspace of the lab (dataset loading, the layer stack,
// the session, the inspectors' choices), and the functions that change it. Panels draw it; main steps it.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gpu_trainer.h"
#include "lab_recipe.h"
#include "platform.h"
#include "session_snapshot.h"

namespace layerlab::ui {

// The dataset the lab shows: fetched (web), read into memory, then kept while only the model changes.
struct DatasetLoad {
  enum class State { Idle, Fetching, Reading, Ready, Failed };
  State state = State::Idle;
  std::string name;      // the catalog name requested
  float progress = 0.0f; // of the fetch
  std::string error;
  std::shared_ptr<const Dataset> train, test;  // shared with the session: one copy across resets
  std::string title;     // "Fashion-MNIST: 60000 training, 10000 test examples"
};

enum class InspectorTab { Curves, FeatureMaps, Gates, Confusion, Examples, Layers, Draw };

// Training speed of the models workspace: the most mini-batches a frame trains (within the frame budget).
constexpr int kLabSpeedCount = 3;
const char* lab_speed_name(int speed);  // "1 step a frame", "10 steps a frame", "as fast as possible" (in the frame's time)
int lab_speed_steps(int speed);

// One point of the live batch-loss trace (one per frame of training, thinned as it grows).
struct LossPoint {
  long step;
  float loss;
};

// Autosave: the session is written every few seconds while it changes (and when training pauses); a
// snapshot read at start-up waits in `restore` until its dataset is ready.
struct Autosave {
  bool read_done = false;
  double last_time = -1e9;
  long saved_step = -1;
  std::string saved_recipe;
  int saves = 0;
  std::unique_ptr<SessionSnapshot> restore;
  std::string restore_source = "your autosaved session";  // for the notice: or "the model file NAME"
};

// Which file picker is open: its answer goes to the model or to the data.
enum class OpenKind { None, Model, Csv };

// The model builder's rows, kept until the stack or the data changes (summaries are not per-frame work).
struct StackRow {
  std::string name, shape;
  long long parameters = 0;
  bool automatic = false;  // the flatten and output layer the lab adds
};
struct StackRows {
  std::string key;  // the stack and input shape they were computed for
  std::vector<StackRow> rows;
  std::string error;
};

// The model trained before the current one (kept when the stack changes), to compare the new one with.
struct PreviousModel {
  std::string layers;  // as the layer syntax writes them
  long long parameters = 0;
  int epoch = 0;
  double test_accuracy = 0.0;
};

struct LabState {
  LabRecipe recipe = lab_preset_recipe(LabPreset::Cnn, "fashion-mnist");
  DatasetLoad load;
  std::unique_ptr<TrainingSession> session;
  std::string session_layers;  // the stack the session was made from
  std::optional<PreviousModel> previous;  // the last model of another stack that trained an epoch or more
  std::string setup_error;    // why the recipe makes no session (bad stack, data missing), shown inline
  std::string notice;         // one-line message about the last action (a link that could not be read...)
  bool notice_is_error = true;
  OpenKind opening = OpenKind::None;  // the file picker the learner started
  StackRows stack;
  bool playing = false;
  int speed = kLabSpeedCount - 1;  // see lab_speed_name
  int epoch_target = -1;      // "step one epoch": trains (a slice a frame) until the session reaches this epoch
  long epoch_base_step = 0;   // the step at which epoch `epoch_base` started (sessions count epochs from there)
  int epoch_base = 0;
  int steps_last_frame = 0;   // mini-batches the last frame trained (the speed caps it)
  int example = 0;            // the test example the inspectors show
  // A clicked feature-map cell (network layer, row, column, map; layer -1: none): its input window is outlined.
  int layer = -1;
  int cell_x = -1, cell_y = -1, cell_map = 0;
  InspectorTab tab = InspectorTab::Curves;
  std::vector<LossPoint> losses;
  double steps_per_second = 0.0, ms_per_step = 0.0;
  double rate_time = 0.0;
  long rate_steps = 0;
  double train_seconds = 0.0;  // time spent in training this second (for ms per step)
  double training_budget = 0.008;  // seconds of training a frame, adapted to the frame rate
  double training_credit = 0.0;    // budget not yet used (negative: a long step is being paid off)
  double last_frame_time = 0.0;
  std::string hash;            // the recipe as last written to the URL
  long session_id = 0;         // counts sessions made, so views know when theirs is gone
  bool fit_model_on_load = false;  // the picker changed the dataset: swap a model that cannot take it
  Autosave autosave;
  GpuTraining gpu;             // training on WebGPU when the browser has it (gpu_trainer.h)
};

// Starts loading the recipe's dataset unless it is the one loaded; rebuilds the session when ready.
void lab_request_dataset(LabState& lab);
// Each frame: loading, training within the frame budget (never a blocked frame), rates, URL hash.
void lab_frame(LabState& lab, double now_seconds);
// New weights (or a new model) from the recipe, on the loaded data; an invalid stack leaves no session.
void lab_reset_session(LabState& lab);
void lab_toggle_play(LabState& lab);
void lab_step_once(LabState& lab);
// Trains the rest of the current epoch over the next frames (never blocking one); again: cancels.
void lab_step_epoch(LabState& lab);
// Mini-batches of the current epoch done, and in all, for the progress of "step one epoch".
int lab_epoch_steps_done(const LabState& lab);
int lab_steps_per_epoch(const LabState& lab);
// Applies a link's experiment ("data=...&layers=..."); false (and a notice) when it cannot be read.
bool lab_apply_hash(LabState& lab, const std::string& hash);

// Writes the autosave now if the session changed since the last one (`force`: whatever the time).
void lab_autosave(LabState& lab, double now_seconds, bool force);
// Continue `snapshot` (its experiment is applied now; its weights once the data is ready).
void lab_restore(LabState& lab, std::unique_ptr<SessionSnapshot> snapshot, const std::string& source);
// The session's model file (weights, optimizer state, metadata) offered as a download / written to disk.
void lab_save_model(LabState& lab);
// A model file the learner opened: its model, dataset and weights become the experiment; a bad file
// leaves everything as it was, with a notice naming the file and the problem.
void lab_open_model(LabState& lab, const std::vector<uint8_t>& bytes, const std::string& name);
// A CSV file the learner opened (the last column holds the labels): it becomes the dataset, read by the
// engine's CSV importer; a file it cannot read gives the importer's message and the lab keeps working.
void lab_open_csv(LabState& lab, const std::vector<uint8_t>& bytes, const std::string& name);

// The stack with shapes, as the model builder lists it (validated against the loaded data's shape); the
// rows are recomputed only when the stack or the data changed.
const StackRows& lab_stack_rows(LabState& lab);

}  // namespace layerlab::ui
