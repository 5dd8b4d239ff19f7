// gpu_trainer.h: GpuTraining, the models workspace's training on WebGPU: a state machine the frame loop steps.
// The session (TrainingSession) keeps the epochs, steps, schedule and history; the GPU holds its own copy of the
// weights and optimizer state (BackendNetwork) and reports each step's loss asynchronously (a few steps in
// flight, never a blocked frame). The CPU copy (session.network()) is refreshed by one readback at each epoch's
// end (before its evaluation), about once a second while training (the inspectors' pictures, the autosave) and
// when training pauses. A model or setting the GPU backend cannot train, WebGPU missing, a device lost or a
// validation error: the session trains on the CPU, and `reason` says why.
#pragma once
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "training_session.h"

namespace layerlab {
class BackendNetwork;
}

namespace layerlab::ui {

enum class BackendChoice { Auto, Cpu, Gpu };  // Auto: the GPU unless the adapter is a CPU emulation

struct GpuStepResult;  // one step in flight (gpu_trainer.cpp)
struct GpuStateRead;   // one readback of the weights in flight

struct GpuTraining {
  BackendChoice choice = BackendChoice::Auto;
  bool device_checked = false;      // the start-up request has answered (ready, unavailable or failed)
  bool device_ready = false;
  bool emulated = false;            // the adapter is SwiftShader or another CPU implementation
  std::string adapter;              // "SwiftShader Device (Subzero)"; empty without WebGPU
  std::string reason;               // why the session trains on the CPU ("" when on the GPU)
  std::string failure;              // a GPU error that made training fall back (kept for the readout)
  bool failed = false;              // after a failure the GPU is not used again this page
  // The GPU copy of one session.
  const TrainingSession* bound = nullptr;
  long bound_id = -1;
  std::shared_ptr<BackendNetwork> net;  // shared_ptr: deleted where BackendNetwork is complete
  std::deque<std::shared_ptr<GpuStepResult>> in_flight;
  std::shared_ptr<GpuStateRead> reading;  // a readback of the weights in flight
  std::shared_ptr<GpuStateRead> arrived;  // read, waiting for the CPU copy to be free (an evaluation is using it)
  long issued_t = 0;                // Adam's t of the last step submitted
  long base_step = 0;               // the session's step when the GPU copy was made
  long issued_steps = 0;            // steps submitted since then
  long synced_issued = 0;           // of those, the steps the CPU copy holds
  double last_sync = 0.0;           // when the CPU copy was last refreshed
  long synced_step = -1;            // the session step the CPU copy holds (-1: the CPU copy is current)
  // Rates over the last second.
  double rate_time = 0.0, latency_sum = 0.0;
  long latency_count = 0, map_async_at_start = 0;
  double ms_per_step = 0.0, map_async_per_step = 0.0;
  ~GpuTraining();
};

// Once at start-up: the browser is asked for an adapter and a device (nothing on the desktop build).
void gpu_training_start();
// Each frame, before training: the device's answer, a new session to bind, steps that arrived, a pending readback.
// Returns the steps that completed this frame.
int gpu_training_poll(GpuTraining& gpu, TrainingSession* session, long session_id, bool playing, double now);
// True when `session` trains on the GPU (then gpu_training_advance, not session.advance).
bool gpu_training_active(const GpuTraining& gpu);
// Submits up to max_steps steps while fewer than a few are in flight and `budget` seconds of this frame remain (at
// least one); runs the slices of an evaluation under way on the CPU copy.
void gpu_training_advance(GpuTraining& gpu, TrainingSession& session, double budget, int max_steps);
// The learner's choice: to the CPU (the weights are read back first) or to the GPU (uploaded at the next step).
void gpu_training_choose(GpuTraining& gpu, BackendChoice choice);
// The session's CPU copy lags the GPU's (the autosave waits for the next readback).
bool gpu_training_stale(const GpuTraining& gpu);
// "WebGPU · SwiftShader Device (Subzero)" or "CPU (wasm SIMD)".
std::string gpu_training_backend_label(const GpuTraining& gpu);

}  // namespace layerlab::ui
