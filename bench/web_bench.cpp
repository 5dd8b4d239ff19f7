// web_bench.cpp: the browser half of ./lab bench (web/bench/bench.mjs drives it through web/bench/page.js): the
// standard models' training and inference samples/s on the engine, the GEMM in GFLOP/s, and time to accuracy with
// the lab's default recipe, all on Fashion-MNIST written into the in-memory file system by the page.
#include <emscripten/emscripten.h>

#include <cstdio>
#include <memory>
#include <string>

#include "bench_models.h"
#include "dataset_catalog.h"
#include "lab_recipe.h"
#include "parallel.h"
#include "training_session.h"

using namespace layerlab;

namespace {

std::shared_ptr<const Dataset> train_set, test_set, no_test;  // no_test: the test set's shape, no examples
std::unique_ptr<TrainingSession> session;                      // the last one bench_train or tta_start made

TrainingConfig bench_config() {
  TrainingConfig config;
  config.batch_size = 32;
  config.learning_rate = 0.01f;  // plain SGD (the default optimizer)
  config.evaluate_train_set = false;
  return config;
}

}  // namespace

namespace layerlab {
const Dataset* bench_train_set() { return train_set.get(); }
}  // namespace layerlab

extern "C" {

// Loads fashion-mnist-{train,test}.lds from `dir`; 1 when loaded, else 0 after printing why.
EMSCRIPTEN_KEEPALIVE int bench_load(const char* dir) {
  DatasetRequest request;
  request.name = "fashion-mnist";
  request.data_dir = dir;
  DatasetPair data;
  std::string error;
  if (!load_dataset_pair(request, &data, &error)) {
    std::fprintf(stderr, "web bench: %s\n", error.c_str());
    return 0;
  }
  auto empty = std::make_shared<Dataset>();
  empty->features = data.test.features;
  empty->classes = data.test.classes;
  empty->channels = data.test.channels;
  empty->height = data.test.height;
  empty->width = data.test.width;
  no_test = std::move(empty);
  train_set = std::make_shared<const Dataset>(std::move(data.train));
  test_set = std::make_shared<const Dataset>(std::move(data.test));
  return 1;
}

// A fresh session of model `index` (bench_models(), seed 1): warm-up steps, then `steps` timed ones; samples/s.
EMSCRIPTEN_KEEPALIVE double bench_train(int index, int steps) {
  const BenchModel& m = bench_models().at(static_cast<size_t>(index));
  ModelSpec spec;
  spec.input = InputShape{784, 1, 28, 28};
  std::string error;
  if (!parse_layers(m.layers, &spec.layers, &error)) {
    std::fprintf(stderr, "web bench: %s\n", error.c_str());
    return -1;
  }
  session = std::make_unique<TrainingSession>(build_network(spec, 1), train_set, no_test, bench_config());
  for (int i = 0, warmup = std::max(3, steps / 10); i < warmup; ++i) session->step();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) session->step();
  return steps * 32.0 / bench_seconds_since(t0);
}

// Inference at batch 256 on the last session's network: samples/s over `batches` batches of the test set.
EMSCRIPTEN_KEEPALIVE double bench_infer(int batches) {
  const Network& net = session->network();
  Workspace ws(net, 256);
  const auto t0 = std::chrono::steady_clock::now();
  for (int b = 0; b < batches; ++b) net.forward(ws, test_set->row((b * 256) % (test_set->size() - 256)), 256);
  return batches * 256.0 / bench_seconds_since(t0);
}

EMSCRIPTEN_KEEPALIVE double bench_gemm(int n, int runs) { return gemm_gflops(n, runs); }

// Threads engine/parallel.h splits work over: 1 in the single-threaded build.
EMSCRIPTEN_KEEPALIVE int bench_threads() { return parallel_threads(); }

// Time to accuracy: a session of the lab's default recipe for preset 0 MLP, 1 CNN, 2 LSTM on all of Fashion-MNIST.
EMSCRIPTEN_KEEPALIVE int tta_start(int preset) {
  const LabRecipe recipe = lab_preset_recipe(static_cast<LabPreset>(preset), "fashion-mnist");
  try {
    session = std::make_unique<TrainingSession>(make_lab_session(recipe, train_set, no_test));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "web bench: %s\n", e.what());
    return 0;
  }
  return 1;
}

// Trains whole steps for about `seconds`; returns the seconds it took (training only, no evaluation).
EMSCRIPTEN_KEEPALIVE double tta_train(double seconds) {
  const auto t0 = std::chrono::steady_clock::now();
  double spent = 0.0;
  while (spent < seconds) {
    session->step();
    spent = bench_seconds_since(t0);
  }
  return spent;
}

// Accuracy of the session's network on the whole test set (10,000 images), 0..1.
EMSCRIPTEN_KEEPALIVE double tta_accuracy() { return session->evaluate(*test_set).accuracy; }

EMSCRIPTEN_KEEPALIVE double tta_epoch() { return static_cast<double>(session->steps()) * 32.0 / train_set->size(); }

}  // extern "C"
