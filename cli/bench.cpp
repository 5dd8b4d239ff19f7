// bench.cpp: `layerlab-bench`, training and inference samples/s of the lab's standard models (Fashion-MNIST,
// batch 32, plain SGD lr 0.01, softmax cross-entropy): median of several runs, as a JSON array (one row per model).
// `--gemm N`: the engine's GEMM on N x N float32 matrices in GFLOP/s instead, as one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_models.h"
#include "dataset_catalog.h"
#include "model_spec.h"
#include "training_session.h"

using namespace layerlab;

namespace {
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, platform = "native", only;
  int runs = 5, gemm = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data-dir") data_dir = argv[i + 1];
    else if (flag == "--platform") platform = argv[i + 1];
    else if (flag == "--model") only = argv[i + 1];
    else if (flag == "--runs") runs = std::max(1, std::min(50, std::atoi(argv[i + 1])));
    else if (flag == "--gemm") gemm = std::max(8, std::min(2048, std::atoi(argv[i + 1])));
    else {
      std::fprintf(stderr, "usage: layerlab-bench [--data-dir DIR] [--platform NAME] [--runs N] [--model NAME] [--gemm N]\n");
      return 2;
    }
  }
  if (gemm) {
    std::printf("{\"platform\":\"%s\",\"gemm_n\":%d,\"gflops\":%.2f}\n", platform.c_str(), gemm, gemm_gflops(gemm, runs));
    return 0;
  }
  DatasetRequest request;
  request.name = "fashion-mnist";
  request.data_dir = data_dir;
  DatasetPair data;
  std::string error;
  if (!load_dataset_pair(request, &data, &error)) {
    std::fprintf(stderr, "layerlab-bench: %s\n", error.c_str());
    return 2;
  }
  const std::vector<BenchModel>& models = bench_models();
  std::string out = "[";
  for (const BenchModel& m : models) {
    if (!only.empty() && only != m.name) continue;
    ModelSpec spec;
    spec.input = InputShape{784, 1, 28, 28};
    if (!parse_layers(m.layers, &spec.layers, &error)) {
      std::fprintf(stderr, "layerlab-bench: %s\n", error.c_str());
      return 2;
    }
    TrainingConfig config;
    config.batch_size = 32;
    config.learning_rate = 0.01f;
    config.evaluate_train_set = false;
    const int warmup = std::max(3, m.train_steps / 10);
    std::vector<double> train_rates, infer_rates;
    Dataset no_test;  // the bench times training steps only; no per-epoch evaluation
    no_test.features = data.test.features;
    no_test.classes = data.test.classes;
    for (int run = 0; run < runs; ++run) {
      TrainingSession session(build_network(spec, 1), data.train, no_test, config);
      for (int i = 0; i < warmup; ++i) session.step();
      const auto t0 = Clock::now();
      for (int i = 0; i < m.train_steps; ++i) session.step();
      train_rates.push_back(m.train_steps * 32.0 / seconds_since(t0));

      const Network& net = session.network();
      Workspace ws(net, 256);
      const int batches = std::max(2, m.train_steps / 15);
      const auto t1 = Clock::now();
      for (int b = 0; b < batches; ++b) net.forward(ws, data.test.row((b * 256) % (data.test.size() - 256)), 256);
      infer_rates.push_back(batches * 256.0 / seconds_since(t1));
    }
    char row[320];
    std::snprintf(row, sizeof row,
                  "%s{\"platform\":\"%s\",\"model\":\"%s\",\"runs\":%d,\"train_samples_per_s\":%.0f,"
                  "\"inference_samples_per_s\":%.0f}",
                  out.size() > 1 ? ",\n " : "", platform.c_str(), m.name, runs, median(train_rates), median(infer_rates));
    out += row;
  }
  std::printf("%s]\n", out.c_str());
  return 0;
}
