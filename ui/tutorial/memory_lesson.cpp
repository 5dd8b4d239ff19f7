// memory_lesson.cpp: the LSTM-versus-RNN race on the memory task, trained through TrainingSession.
#include "tutorial/memory_lesson.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "lstm.h"
#include "model_spec.h"
#include "sequence_datasets.h"

namespace layerlab::ui {

namespace {

std::unique_ptr<TrainingSession> make_session(const std::string& layers, const Dataset& train, const Dataset& test,
                                              const MemoryRaceSettings& s, std::string* error) {
  ModelSpec spec;
  spec.input.features = train.features;
  spec.input.steps = train.steps;
  if (!parse_layers(layers, &spec.layers, error)) return nullptr;
  *error = validate_spec(spec);
  if (!error->empty()) return nullptr;
  TrainingConfig config;
  config.learning_rate = s.learning_rate;
  config.batch_size = s.batch_size;
  config.seed = s.seed;
  config.optimizer.kind = OptimizerKind::Adam;
  config.clip_norm = 1.0f;
  config.evaluate_train_set = false;
  return std::make_unique<TrainingSession>(build_network(spec, s.seed), train, test, config);
}

void copy_view(const SequenceView& v, std::vector<float>* out) {
  out->resize(static_cast<size_t>(v.steps) * v.units);
  for (int t = 0; t < v.steps; ++t)
    for (int j = 0; j < v.units; ++j) (*out)[static_cast<size_t>(t) * v.units + j] = v.at(t, j);
}

}  // namespace

float RaceLane::learning_ratio() const {
  const std::vector<float>& g = learning_grad_norm;
  return !g.empty() && g.back() > 0.0f ? g.front() / g.back() : 0.0f;
}

bool MemoryRace::start(const MemoryRaceSettings& settings, std::string* error) {
  settings_ = settings;
  lstm_ = RaceLane();
  rnn_ = RaceLane();
  const int n = settings.train_examples + settings.test_examples;
  const Dataset all = make_memory_task(n, settings.distractors, 2, settings.seed, error);
  if (all.size() == 0) return false;
  const TrainTestSplit split = split_dataset(all, static_cast<float>(settings.train_examples) / n, settings.seed);
  const std::string width = std::to_string(settings.hidden);
  lstm_.session = make_session("lstm " + width + " forget_bias=" + std::to_string(settings.forget_bias) + ", dense 2", split.train, split.test, settings, error);
  if (!lstm_.session) return false;
  rnn_.session = make_session("rnn " + width + ", dense 2", split.train, split.test, settings, error);
  if (!rnn_.session) {
    lstm_ = RaceLane();
    return false;
  }
  trace_ws_ = std::make_unique<Workspace>(lstm_.session->network(), 1);
  const Dataset& test = lstm_.session->test_set();
  example_of_symbol_[0] = example_of_symbol_[1] = -1;
  for (int i = 0; i < test.size(); ++i)
    if (example_of_symbol_[test.y[static_cast<size_t>(i)]] < 0) example_of_symbol_[test.y[static_cast<size_t>(i)]] = i;
  evaluate();
  return true;
}

bool MemoryRace::finished() const { return started() && steps() >= settings_.max_steps; }

long MemoryRace::steps() const { return started() ? rnn_.session->steps() : 0; }  // both have taken these

int MemoryRace::advance(double seconds) {
  if (!started()) return 0;
  const auto begin = std::chrono::steady_clock::now();
  int taken = 0;
  // One mini-batch of one network at a time (the RNN catches up with the LSTM before the LSTM goes on), so
  // a frame stops within about one step of its budget.
  while (!finished() && !lstm_.session->diverged() && !rnn_.session->diverged()) {
    if (rnn_.session->steps() < lstm_.session->steps()) {
      rnn_.session->step();
      ++taken;
      if (steps() % kEvaluateEvery == 0) evaluate();
    } else {
      lstm_.session->step();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    if (elapsed >= seconds) break;
  }
  return taken;
}

void MemoryRace::evaluate() {
  for (RaceLane* lane : {&lstm_, &rnn_}) {
    lane->accuracy = lane->session->evaluate(lane->session->test_set()).accuracy;
    lane->accuracy_curve.push_back(lane->accuracy);
    const auto& layer = static_cast<const RecurrentLayer&>(lane->session->network().layer(0));
    const Span<const float> norms = layer.grad_norm_per_step();
    lane->grad_norm.assign(norms.begin(), norms.end());
    if (steps() == kLearningGradientStep) lane->learning_grad_norm = lane->grad_norm;
  }
  refresh_gates();
}

void MemoryRace::refresh_gates() {
  const Network& net = lstm_.session->network();
  const auto& lstm = static_cast<const LstmLayer&>(net.layer(0));
  const Dataset& test = lstm_.session->test_set();
  std::vector<float> last_cell[2];
  for (int symbol = 0; symbol < 2; ++symbol) {
    GateView& view = gate_views_[symbol];
    if (example_of_symbol_[symbol] < 0) continue;
    net.forward(*trace_ws_, test.row(example_of_symbol_[symbol]), 1);
    const LstmTrace trace = lstm.trace(trace_ws_->cache(0), 1, 0);
    copy_view(trace.forget_gate, &view.forget);
    copy_view(trace.input_gate, &view.input);
    copy_view(trace.output_gate, &view.output);
    copy_view(trace.cell, &view.cell);
    last_cell[symbol].assign(view.cell.end() - lstm.hidden(), view.cell.end());
  }
  if (last_cell[0].empty() || last_cell[1].empty()) return;
  float best = -1.0f;
  for (int j = 0; j < lstm.hidden(); ++j) {
    const float gap = std::fabs(last_cell[0][static_cast<size_t>(j)] - last_cell[1][static_cast<size_t>(j)]);
    if (gap > best) {
      best = gap;
      memory_unit_ = j;
    }
  }
  float lowest = 1.0f;
  double sum = 0.0;
  int count = 0;
  const int H = lstm.hidden();
  for (const GateView& view : gate_views_)
    for (int t = 1; t < lstm.steps(); ++t) {  // the distractors: every step after the symbol
      const float f = view.forget[static_cast<size_t>(t) * H + memory_unit_];
      lowest = std::min(lowest, f);
      sum += f;
      ++count;
    }
  memory_min_forget_ = lowest;
  memory_mean_forget_ = count ? static_cast<float>(sum / count) : 0.0f;
}

}  // namespace layerlab::ui
