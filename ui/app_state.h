// app_state.h: AppState, everything the UI shows and edits, and the functions that change it.
// Panels are free functions over an AppState; nothing else holds UI state.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "boundary_view.h"
#include "draw_pad.h"
#include "lab_state.h"
#include "lab_views.h"
#include "playground_recipe.h"
#include "theme.h"
#include "training_session.h"

namespace layerlab::ui {

// Which picture the big heatmap shows: the network's output, or one hidden neuron's output.
struct NeuronRef {
  int layer = -1;  // hidden layer index; -1 = the network's output
  int neuron = 0;
  bool is_output() const { return layer < 0; }
  bool operator==(const NeuronRef& o) const { return layer == o.layer && neuron == o.neuron; }
};

constexpr int kSpeedCount = 4;
const char* speed_name(int speed);  // "1 step/frame", ..., "as fast as possible"

// The lab's two workspaces: the 2-D playground (MLPs on the plane) and models on images and sequences.
enum class Mode { Playground, Models };

// The URL hash of the playground (the models workspace's hash is its experiment).
extern const char* const kPlaygroundHash;

struct AppState {
  Mode mode = Mode::Playground;
  std::string banner;  // a message for the learner whatever the workspace (a damaged autosave...)
  std::string playground_hash;  // the playground's link as last written
  LabState lab;        // the models workspace
  LabViews lab_views;  // its pictures
  DrawPad draw_pad;    // its Draw tab: the learner's own input
  bool touch = false;  // a touch screen is the pointer: larger hit targets (theme.h apply_touch_sizes)
  PlaygroundRecipe recipe;
  std::unique_ptr<TrainingSession> session;
  std::string setup_error;  // why no session could be built from the recipe
  bool playing = false;
  int speed = 1;  // an epoch a frame
  bool show_test_points = false;
  bool discretize = false;
  NeuronRef selected;
  BoundaryView boundary;
  long boundary_step = -1;        // session step the boundary shows
  double boundary_time = 0.0;     // when it was computed
  bool previews_drawn = false;  // the dataset picker's thumbnails are in the view atlas
  UiFonts fonts;
  long frame = 0;
  long drawn_frames = 0;  // frames actually drawn (see FramePacer)
  double first_frame_ms = 0.0;  // when the first was on screen: ms since navigation (web) or program start
  int draw_calls = 0;  // of the last rendered frame (software GL pays for each one)
  int vertices = 0;
  // Glyph quads of the last frame drawn with the fallback glyph (glyph_fallback.h), the characters of the open
  // tutorial step that fell back (when any did), and the count's cost (ms, averaged over about 60 frames).
  int fallback_glyphs = 0;
  std::string fallback_chars;
  double fallback_count_ms = 0.0;
  double steps_per_second = 0.0;  // measured while playing, over the last second
  double rate_time = 0.0;         // when steps_per_second was last measured
  long rate_steps = 0;
  // Seconds of training per frame, adapted so the page keeps 40 frames a second or more: the frame
  // loop never waits for training (software GL in a browser without a GPU leaves little time).
  double training_budget = 0.006;
  double last_frame_time = 0.0;
};

// Frame pacing. In a browser without a GPU (SwiftShader) every drawn frame makes the page wait until it
// has been rasterised and read back; when that takes longer than 1/40 s the loop draws every other
// frame, so the page keeps its frame rate while input, training and views still advance every frame.
struct FramePacer {
  int every = 1;                  // draw one frame in `every`
  bool drew_last = false;
  double last_time = 0.0;
  double drawn_cost = 1.0 / 60.0;  // smoothed time from a drawn frame to the next frame
  // Call once a frame; true when this frame should be drawn.
  bool should_draw(double now, long frame);
};

// Rebuilds the session from the recipe: new data (if its settings changed) and fresh weights.
void reset_session(AppState& app);
// One frame's training: at most the speed's steps, within the adaptive budget.
void advance_training(AppState& app, double now_seconds);
// Refreshes the boundary textures when the weights changed (at most 15 times a second while playing).
void refresh_views(AppState& app, double now_seconds);
void toggle_play(AppState& app);
void step_once(AppState& app);
// Switches workspace; the other one pauses (and keeps its state).
void set_mode(AppState& app, Mode mode);
// Once the autosave has been read: continues it unless the page was opened on another experiment.
void poll_autosave(AppState& app);
// A link's experiment: "playground&shape=..." opens the playground, anything else the models workspace.
void apply_location_hash(AppState& app, const std::string& hash);
// Each frame: a hash the learner changed (back, a pasted link) is applied; the current experiment is written.
void sync_location_hash(AppState& app);
}  // namespace layerlab::ui
