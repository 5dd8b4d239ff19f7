// bench.cpp: `layerlab-bench`, training and inference samples/s of the standard MLP (784-128-64-10,
// Fashion-MNIST, batch 32, plain SGD, softmax cross-entropy): median of several runs, as one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

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
  std::string data_dir, platform = "native";
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data-dir") data_dir = argv[i + 1];
    else if (flag == "--platform") platform = argv[i + 1];
    else if (flag == "--runs") runs = std::max(1, std::min(50, std::atoi(argv[i + 1])));
    else {
      std::fprintf(stderr, "usage: layerlab-bench [--data-dir DIR] [--platform NAME] [--runs N]\n");
      return 2;
    }
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
  ModelSpec spec;
  spec.input = InputShape{784, 1, 28, 28};
  parse_layers("flatten, dense 128 relu, dense 64 relu, dense 10", &spec.layers, &error);
  TrainingConfig config;
  config.batch_size = 32;
  config.learning_rate = 0.01f;
  config.evaluate_train_set = false;
  const int train_steps = 300, warmup = 30;
  std::vector<double> train_rates, infer_rates;
  Dataset no_test;  // the bench times training steps only; no per-epoch evaluation
  no_test.features = data.test.features;
  no_test.classes = data.test.classes;
  for (int run = 0; run < runs; ++run) {
    TrainingSession session(build_network(spec, 1), data.train, no_test, config);
    for (int i = 0; i < warmup; ++i) session.step();
    const auto t0 = Clock::now();
    for (int i = 0; i < train_steps; ++i) session.step();
    train_rates.push_back(train_steps * 32.0 / seconds_since(t0));

    const Network& net = session.network();
    Workspace ws(net, 256);
    const int batches = 20;
    const auto t1 = Clock::now();
    for (int b = 0; b < batches; ++b) net.forward(ws, data.test.row((b * 256) % (data.test.size() - 256)), 256);
    infer_rates.push_back(batches * 256.0 / seconds_since(t1));
  }
  std::printf("{\"platform\":\"%s\",\"model\":\"mlp-784-128-64-10\",\"runs\":%d,\"train_samples_per_s\":%.0f,"
              "\"inference_samples_per_s\":%.0f}\n",
              platform.c_str(), runs, median(train_rates), median(infer_rates));
  return 0;
}
