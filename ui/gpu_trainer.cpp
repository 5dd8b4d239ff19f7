// gpu_trainer.cpp: GpuTraining's state machine: binding a session, submitting steps, collecting their losses,
// reading the weights back, and falling back to the CPU (with the reason) when the GPU cannot or must not train.
#include "gpu_trainer.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>

#include "activation.h"
#include "backend_network.h"
#include "conv2d.h"
#include "platform.h"
#include "pooling.h"
#include "simple_rnn.h"
#ifdef __EMSCRIPTEN__
#include "webgpu_backend.h"
#endif

namespace layerlab::ui {

// Written by the step's completion callback (which owns a reference), read by the frame loop.
struct GpuStepResult {
  float loss = NAN;
  std::vector<float> probs;  // (n, classes)
  std::vector<int> labels;   // the batch's, for the running accuracy
  int n = 0;
  bool arrived = false;
  double submitted = 0.0, arrival = 0.0;
};

struct GpuStateRead {
  std::vector<float> values;  // BackendNetwork::read_state's layout
  bool arrived = false;
  bool epoch_end = false;     // the epoch's last step is in: close the epoch once applied
  long issued = 0, t = 0;     // the steps submitted (and Adam's t) when the read was recorded
};

GpuTraining::~GpuTraining() = default;

namespace {
#ifdef __EMSCRIPTEN__
constexpr bool kWeb = true;
#else
constexpr bool kWeb = false;
#endif
constexpr size_t kMaxInFlight = 2;   // steps submitted and not yet answered
constexpr double kSyncSeconds = 1.0; // the CPU copy's refresh while training

double wall_seconds() {
  using Clock = std::chrono::steady_clock;
  static const Clock::time_point start = Clock::now();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

#ifdef __EMSCRIPTEN__
WebGpuBackend* g_backend = nullptr;  // made once the device is ready, kept for the page's life (pipelines are costly)
#endif

bool emulated_adapter(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* cpu : {"swiftshader", "llvmpipe", "lavapipe", "software", "warp"})
    if (name.find(cpu) != std::string::npos) return true;
  return false;
}

// What in this session the GPU backend cannot train, as the readout says it ("" when it can train all of it).
std::string gpu_obstacle(const TrainingSession& s) {
  const TrainingConfig& c = s.config();
  const Dataset& d = s.train_set();
  if (d.is_regression()) return "the GPU backend has no mean squared error (regression)";
  if (c.loss != LossKind::SoftmaxCrossEntropy) return "the GPU backend trains with softmax cross-entropy only";
  if (d.label_steps > 1) return "the GPU backend has no label per sequence step";
  const OptimizerKind k = c.optimizer.kind;
  if (k != OptimizerKind::Sgd && k != OptimizerKind::Momentum && k != OptimizerKind::Adam)
    return std::string("the GPU backend has no ") + optimizer_name(k) + " update";
  if (c.l1 > 0.0f || c.l2 > 0.0f) return "the GPU backend has no L1/L2 weight penalty";
  if (c.clip_norm > 0.0f) return "the GPU backend has no gradient clipping";
  const Network& net = s.network();
  for (int i = 0; i < net.layer_count(); ++i) {
    const Layer& layer = net.layer(i);
    if (dynamic_cast<const DropoutLayer*>(&layer)) return "the GPU backend has no dropout";
    if (dynamic_cast<const SimpleRnnLayer*>(&layer)) return "the GPU backend has no simple RNN";
    if (auto* act = dynamic_cast<const ActivationLayer*>(&layer))
      if (!is_elementwise(act->activation())) return "the GPU backend has no softmax layer";
    if (auto* pool = dynamic_cast<const Pool2dLayer*>(&layer))
      if (pool->geometry().kind != PoolKind::Max)
        return std::string("the GPU backend has no ") + pool_kind_name(pool->geometry().kind) + " pooling";
    if (auto* conv = dynamic_cast<const Conv2dLayer*>(&layer))
      if (conv->geometry().padding != PaddingMode::Zeros) return "the GPU backend has no edge padding";
  }
  return "";
}

bool wants_gpu(const GpuTraining& gpu) {
  if (!gpu.device_ready || gpu.failed || gpu.bound == nullptr) return false;
  if (gpu.choice == BackendChoice::Cpu || (gpu.choice == BackendChoice::Auto && gpu.emulated)) return false;
  return gpu_obstacle(*gpu.bound).empty();
}

void drop_gpu_copy(GpuTraining& gpu) {
  gpu.in_flight.clear();  // their callbacks keep their results alive until they answer
  gpu.reading.reset();
  gpu.arrived.reset();
  gpu.net.reset();
}

void fall_back(GpuTraining& gpu, TrainingSession* session, const std::string& what) {
  gpu.failed = true;
  gpu.failure = what + ": training goes on on the CPU";
  if (session) gpu.failure += " from the weights read back at step " + std::to_string(gpu.synced_step);
  drop_gpu_copy(gpu);
  gpu.synced_step = -1;
  // The epoch's last batch went to the GPU: the epoch closes on the weights the CPU has.
  if (session && session->epoch_taken()) session->end_external_epoch();
}

// Called for every session step the GPU copy is ahead of the CPU copy.
bool ensure_net(GpuTraining& gpu, TrainingSession& session) {
  if (gpu.net) return true;
#ifdef __EMSCRIPTEN__
  try {
    if (!g_backend) g_backend = new WebGpuBackend();
    gpu.net = std::make_shared<BackendNetwork>(*g_backend, session.mutable_network(), session.config().batch_size);
    gpu.net->use_optimizer(session.optimizer());
  } catch (const std::exception& e) {
    fall_back(gpu, &session, std::string("the GPU could not take this model (") + e.what() + ")");
    return false;
  }
  gpu.issued_t = session.optimizer().steps();
  gpu.issued_steps = gpu.synced_issued = 0;
  gpu.base_step = gpu.synced_step = session.steps();
  gpu.last_sync = wall_seconds();
  return true;
#else
  (void)session;
  return false;
#endif
}

void request_read(GpuTraining& gpu, bool epoch_end) {
  auto read = std::make_shared<GpuStateRead>();
  read->values.resize(gpu.net->state_floats());
  read->epoch_end = epoch_end;
  read->issued = gpu.issued_steps;
  read->t = gpu.issued_t;
  gpu.net->read_state(read->values.data(), [read] { read->arrived = true; });
  gpu.reading = read;
}

// The answers that came in, in order: each step's loss (and correct count) goes to the session.
int collect_steps(GpuTraining& gpu, TrainingSession& session) {
  int completed = 0;
  while (!gpu.in_flight.empty() && gpu.in_flight.front()->arrived) {
    const std::shared_ptr<GpuStepResult> r = gpu.in_flight.front();
    gpu.in_flight.pop_front();
    const int classes = session.train_set().classes;
    int correct = 0;
    for (int i = 0; i < r->n; ++i)
      correct += session.predicted_class(r->probs.data() + static_cast<size_t>(i) * classes) == r->labels[i];
    gpu.latency_sum += r->arrival - r->submitted;
    ++gpu.latency_count;
    ++completed;
    if (!session.external_step_done(r->loss, correct, r->n)) {  // diverged: the GPU's weights are not finite
      drop_gpu_copy(gpu);
      break;
    }
  }
  return completed;
}
}  // namespace

void gpu_training_start() {
#ifdef __EMSCRIPTEN__
  start_webgpu();
#endif
}

int gpu_training_poll(GpuTraining& gpu, TrainingSession* session, long session_id, bool playing, double now) {
#ifdef __EMSCRIPTEN__
  if (!gpu.device_checked || gpu.device_ready) {
    const WebGpuState state = webgpu_state();
    if (state != WebGpuState::Starting && !gpu.device_checked) {
      gpu.device_checked = true;
      gpu.device_ready = state == WebGpuState::Ready;
      gpu.adapter = webgpu_adapter_name();
      gpu.emulated = emulated_adapter(gpu.adapter);
    }
    if (gpu.device_ready && state == WebGpuState::Failed && !gpu.failed)
      fall_back(gpu, gpu.net ? session : nullptr, "the GPU device was lost");
  }
#else
  gpu.device_checked = true;
#endif
  if (session != gpu.bound || session_id != gpu.bound_id) {  // a new session: a new GPU copy when it trains
    drop_gpu_copy(gpu);
    gpu.bound = session;
    gpu.bound_id = session_id;
    gpu.synced_step = -1;
  }
  int completed = 0;
  if (session && gpu.net) {
#ifdef __EMSCRIPTEN__
    if (g_backend && g_backend->failed() && !gpu.failed) {  // its answers are not to be trusted
      fall_back(gpu, session, webgpu_state() == WebGpuState::Failed
                                  ? "the GPU device was lost"
                                  : "a GPU step failed (" + std::to_string(webgpu_errors()) +
                                        " WebGPU error(s), see the console)");
      return 0;
    }
#endif
    completed = collect_steps(gpu, *session);
  }
  if (session && gpu.net && gpu.reading && gpu.reading->arrived) gpu.arrived = std::move(gpu.reading);
  // A readback is applied when no evaluation is reading the CPU copy.
  if (session && gpu.net && gpu.arrived && !session->evaluating()) {
    gpu.net->apply_state(gpu.arrived->values.data(), session->mutable_optimizer());
    session->mutable_optimizer().set_steps(gpu.arrived->t);
    gpu.synced_issued = gpu.arrived->issued;
    gpu.synced_step = gpu.base_step + gpu.arrived->issued;
    gpu.last_sync = now;
    if (gpu.arrived->epoch_end) session->end_external_epoch();
    gpu.arrived.reset();
  }
  if (session && gpu.net && !gpu.reading && !gpu.arrived && !session->diverged()) {
    const bool stale = gpu.synced_issued != gpu.issued_steps;
    const bool drained = gpu.in_flight.empty();
    if (drained && session->epoch_taken()) request_read(gpu, true);
    else if (stale && (drained || playing) && (!playing || now - gpu.last_sync >= kSyncSeconds)) request_read(gpu, false);
    else if (!stale && drained && !wants_gpu(gpu)) gpu.net.reset();  // switched to the CPU: the copy is home
  }
  if (now - gpu.rate_time >= 1.0) {  // the GPU's own rates over the last second
#ifdef __EMSCRIPTEN__
    const long maps = webgpu_map_async_calls();
#else
    const long maps = 0;
#endif
    gpu.ms_per_step = gpu.latency_count > 0 ? 1000.0 * gpu.latency_sum / static_cast<double>(gpu.latency_count) : 0.0;
    gpu.map_async_per_step = gpu.latency_count > 0 ? static_cast<double>(maps - gpu.map_async_at_start) /
                                                         static_cast<double>(gpu.latency_count)
                                                   : 0.0;
    gpu.rate_time = now;
    gpu.latency_sum = 0.0;
    gpu.latency_count = 0;
    gpu.map_async_at_start = maps;
  }
  gpu.reason.clear();
  if (!gpu.device_checked) gpu.reason = "asking the browser for WebGPU";
  else if (!kWeb) gpu.reason = "the desktop build trains on the CPU";
  else if (!gpu.device_ready) gpu.reason = "WebGPU is not available in this browser: training on the CPU";
  else if (gpu.failed) gpu.reason = gpu.failure;
  else if (session && !gpu_obstacle(*session).empty()) gpu.reason = "CPU: " + gpu_obstacle(*session);
  else if (gpu.choice == BackendChoice::Cpu) gpu.reason = "CPU: chosen in the backend menu";
  else if (gpu.choice == BackendChoice::Auto && gpu.emulated)
    gpu.reason = "CPU: the adapter emulates a GPU (slow); choose GPU to use it";
  return completed;
}

bool gpu_training_active(const GpuTraining& gpu) { return gpu.net != nullptr || wants_gpu(gpu); }

void gpu_training_advance(GpuTraining& gpu, TrainingSession& session, double budget, int max_steps) {
  const double start = wall_seconds();
  if (wants_gpu(gpu) && ensure_net(gpu, session)) {
    const int classes = session.train_set().classes;
    for (int submitted = 0; submitted < max_steps && gpu.in_flight.size() < kMaxInFlight && !session.diverged() &&
                            !session.epoch_taken();
         ++submitted) {
      const float lr = session.current_learning_rate();
      const TrainingSession::BatchView batch = session.take_batch();
      if (batch.n == 0) break;
      auto r = std::make_shared<GpuStepResult>();
      r->n = batch.n;
      r->labels.assign(batch.labels, batch.labels + batch.n);
      r->probs.resize(static_cast<size_t>(batch.n) * classes);
      r->submitted = wall_seconds();
      ++gpu.issued_t;
      ++gpu.issued_steps;
      gpu.net->train_step(batch.x, batch.labels, batch.n, lr, gpu.issued_t, &r->loss, r->probs.data(), [r] {
        r->arrived = true;
        r->arrival = wall_seconds();
      });
      gpu.in_flight.push_back(std::move(r));
      if (wall_seconds() - start >= budget) break;
    }
  }
  // The evaluation of an epoch's end runs on the CPU copy while the GPU trains on.
  if (session.evaluating()) session.advance(0, std::max(0.002, budget - (wall_seconds() - start)));
}

void gpu_training_choose(GpuTraining& gpu, BackendChoice choice) { gpu.choice = choice; }

bool gpu_training_stale(const GpuTraining& gpu) {
  return gpu.net != nullptr && (gpu.synced_issued != gpu.issued_steps || !gpu.in_flight.empty());
}

std::string gpu_training_backend_label(const GpuTraining& gpu) {
  if (gpu.net || wants_gpu(gpu)) return "WebGPU \xC2\xB7 " + gpu.adapter;
  return platform_backend_name();
}

}  // namespace layerlab::ui
