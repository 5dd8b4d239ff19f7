// error_check.cpp: a misuse the device rejects (one buffer bound twice for writing) must fail its step, visibly.
// Run after every other check (gpu_error_check_start, then poll gpu_error_check_finished), on its own backend.
#include <emscripten/emscripten.h>

#include <cstdio>
#include <memory>

#include "webgpu_backend.h"

namespace layerlab {
namespace {

struct ErrorCheck {
  std::unique_ptr<WebGpuBackend> backend;
  float values[4] = {};
  long errors_before = 0;
  bool finished = true;
};
ErrorCheck check;

void report_error_check() {
  const long errors = webgpu_errors() - check.errors_before;
  const bool ok = check.backend->failed() && errors >= 1;
  std::printf("%s webgpu validation error (a tensor bound twice for writing) fails its step: failed() %s, %ld error(s) "
              "reported\n", ok ? "ok  " : "FAIL", check.backend->failed() ? "true" : "false", errors);
  check.backend.reset();
  check.finished = true;
}

}  // namespace
}  // namespace layerlab

using namespace layerlab;

extern "C" {

// Needs gpu_tests_ready() == 1 first.
EMSCRIPTEN_KEEPALIVE void gpu_error_check_start() {
  check.finished = false;
  check.backend = std::make_unique<WebGpuBackend>();
  check.errors_before = webgpu_errors();
  const TensorId t = check.backend->create_tensor(4);
  check.backend->begin_step();
  check.backend->activation_forward(Activation::ReLU, t, t, 4);  // in place: not allowed (backend.h)
  check.backend->read(t, check.values, 4);
  check.backend->end_step(report_error_check);
}

EMSCRIPTEN_KEEPALIVE int gpu_error_check_finished() { return check.finished ? 1 : 0; }

}  // extern "C"
