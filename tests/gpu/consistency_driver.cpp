// consistency_driver.cpp: runs each registry case on the CPU and on WebGPU and prints `ok ...` / `FAIL ...` per case.
// Driven from the page (gpu_tests.html) one case at a time: gpu_case_start(i), then poll gpu_case_finished() between
// frames; nothing blocks. Each case is one step, so it must cost exactly one mapAsync.
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "cpu_backend.h"
#include "op_registry.h"
#include "webgpu_backend.h"

namespace layerlab {
namespace {

struct CaseRun {
  size_t index = 0;
  OpRun cpu, gpu;
  long maps_before = 0, dispatches_before = 0;
  bool finished = true;
};

std::vector<OpCase>& cases() {
  static std::vector<OpCase> all = op_cases();
  return all;
}

std::unique_ptr<CpuBackend> cpu_backend;
std::unique_ptr<WebGpuBackend> gpu_backend;
CaseRun current;

void record(Backend& backend, const OpCase& c, OpRun& run) {
  backend.begin_step();
  c.record(backend, run);
}

void release(Backend& backend, const OpRun& run) {
  for (TensorId t : run.tensors) backend.destroy_tensor(t);
}

// Compares the two runs, prints the case's line, frees its tensors.
void report() {
  const OpCase& c = cases()[current.index];
  const long maps = webgpu_map_async_calls() - current.maps_before;
  const long dispatches = webgpu_dispatches() - current.dispatches_before;
  float worst = 0.0f;
  std::string worst_at = "-";
  bool finite = true;
  for (size_t o = 0; o < current.cpu.values.size(); ++o)
    for (size_t i = 0; i < current.cpu.values[o].size(); ++i) {
      const float want = current.cpu.values[o][i], got = current.gpu.values[o][i];
      if (!std::isfinite(got) && std::isfinite(want)) finite = false;
      const float error = std::fabs(got - want) / (1.0f + std::fabs(want));
      if (!(error <= worst)) {
        worst = error;
        worst_at = current.cpu.names[o] + "[" + std::to_string(i) + "] cpu " + std::to_string(want) + " webgpu " +
                   std::to_string(got);
      }
    }
  const bool ok = finite && worst <= c.tolerance && maps == 1 && !gpu_backend->failed();
  std::printf("%s %s %s: max error %.2e (tolerance %.0e), %ld dispatches, %ld mapAsync%s\n", ok ? "ok  " : "FAIL",
              c.op.c_str(), c.shape.c_str(), worst, c.tolerance, dispatches, maps, gpu_backend->failed() ? ", step failed" : "");
  if (!ok) std::printf("  worst at %s\n", worst_at.c_str());
  release(*cpu_backend, current.cpu);
  release(*gpu_backend, current.gpu);
  current.finished = true;
}

}  // namespace
}  // namespace layerlab

using namespace layerlab;

extern "C" {

// 0 while the device is being requested, 1 when ready (backends made), -1 without WebGPU, -2 on failure.
EMSCRIPTEN_KEEPALIVE int gpu_tests_ready() {
  switch (webgpu_state()) {
    case WebGpuState::Starting: return 0;
    case WebGpuState::Unavailable: return -1;
    case WebGpuState::Failed: return -2;
    case WebGpuState::Ready: break;
  }
  if (!gpu_backend) {
    cpu_backend = std::make_unique<CpuBackend>();
    gpu_backend = std::make_unique<WebGpuBackend>();
    std::printf("adapter: %s\n", webgpu_adapter_name().c_str());
  }
  return 1;
}

EMSCRIPTEN_KEEPALIVE int gpu_case_count() { return static_cast<int>(cases().size()); }

EMSCRIPTEN_KEEPALIVE void gpu_case_start(int index) {
  current = CaseRun{};
  current.index = static_cast<size_t>(index);
  current.finished = false;
  const OpCase& c = cases()[current.index];
  try {
    record(*cpu_backend, c, current.cpu);
    cpu_backend->end_step([] {});
    current.maps_before = webgpu_map_async_calls();
    current.dispatches_before = webgpu_dispatches();
    record(*gpu_backend, c, current.gpu);
    gpu_backend->end_step(report);
  } catch (const std::exception& e) {
    std::printf("FAIL %s %s: %s\n", c.op.c_str(), c.shape.c_str(), e.what());
    if (gpu_backend->in_step()) gpu_backend->end_step([] {});  // so that the next case can begin its step
    current.finished = true;
  }
}

EMSCRIPTEN_KEEPALIVE int gpu_case_finished() { return current.finished ? 1 : 0; }

}  // extern "C"

int main() {
  start_webgpu();
  return 0;
}
