// eval_command.cpp: `layerlab eval` (a model on a dataset's test split) and `layerlab predict` (a model
// on the examples of a file: each one's top-3 classes).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "commands.h"
#include "model_file.h"

namespace layerlab::cli {

namespace {

LoadedModel load_or_fail(const Args& args, const char* usage) {
  if (args.positional().size() != 1) fail(std::string("usage: ") + usage);
  LoadedModel model;
  std::string error;
  if (!load_model(args.positional()[0], &model, &error)) fail(error);
  return model;
}

void check_features(const LoadedModel& m, const Dataset& d, const std::string& what) {
  if (d.features != m.spec.input.features)
    fail(what + " has " + std::to_string(d.features) + " features but the model expects " +
         std::to_string(m.spec.input.features));
}

}  // namespace

int eval_command(int argc, char** argv) {
  const char* usage = "layerlab eval MODEL.llm --data NAME [--split test|train] [--data-dir DIR] [--seed N]";
  const Args args(argc, argv, 2, {"--help"});
  if (args.has("--help")) {
    std::printf("usage: %s\n  Prints accuracy, per-class accuracy and the confusion matrix. The seed must be the\n"
                "  training seed for sets that are split at load time (default: the seed stored in the model).\n", usage);
    return 0;
  }
  args.allow_only({"--data", "--split", "--data-dir", "--seed", "--points", "--noise", "--label", "--test-fraction", "--help"});
  LoadedModel model = load_or_fail(args, usage);
  const uint64_t seed = static_cast<uint64_t>(args.integer("--seed", static_cast<long long>(model.meta.seed), 0, 4294967295LL));
  DatasetPair data = load_data(args, seed);
  const std::string split = args.text("--split", "test");
  if (split != "test" && split != "train") fail("--split must be test or train");
  const Dataset& d = split == "test" ? data.test : data.train;
  check_features(model, d, args.text("--data", ""));
  std::printf("%s, %s split\n", data.title.c_str(), split.c_str());
  const std::vector<std::string>& names = model.meta.class_names.empty() ? d.class_names : model.meta.class_names;
  print_evaluation(model.network, d, names, model.meta.loss == LossKind::BinaryCrossEntropy);
  return 0;
}

int predict_command(int argc, char** argv) {
  const char* usage = "layerlab predict MODEL.llm --data FILE|NAME [--limit N]";
  const Args args(argc, argv, 2, {"--help"});
  if (args.has("--help")) {
    std::printf("usage: %s\n  For each example of a .csv, .lds or catalog dataset (its test split), the three most\n"
                "  likely classes with their probabilities.\n", usage);
    return 0;
  }
  args.allow_only({"--data", "--data-dir", "--seed", "--limit", "--label", "--points", "--noise", "--test-fraction", "--help"});
  LoadedModel model = load_or_fail(args, usage);
  DatasetPair data = load_data(args, model.meta.seed);
  const Dataset& d = data.test;
  check_features(model, d, args.text("--data", ""));
  const int limit = static_cast<int>(args.integer("--limit", 20, 1, 10000000));
  const int outputs = model.network.output_features();
  const std::vector<float> logits = network_outputs(model.network, d);
  auto name = [&](int k) { return k < static_cast<int>(model.meta.class_names.size()) ? model.meta.class_names[k] : std::to_string(k); };
  for (int i = 0; i < std::min(limit, d.size()); ++i) {
    const float* z = logits.data() + static_cast<size_t>(i) * outputs;
    std::vector<double> p(static_cast<size_t>(std::max(outputs, 2)));
    if (outputs == 1) {  // one logit: P(class 1) = σ(z)
      p[1] = 1.0 / (1.0 + std::exp(-static_cast<double>(z[0])));
      p[0] = 1.0 - p[1];
    } else {
      const double m = *std::max_element(z, z + outputs);
      double sum = 0;
      for (int k = 0; k < outputs; ++k) sum += p[static_cast<size_t>(k)] = std::exp(z[k] - m);
      for (double& v : p) v /= sum;
    }
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return p[static_cast<size_t>(a)] > p[static_cast<size_t>(b)]; });
    std::printf("%5d  true %-12s", i, name(d.y[static_cast<size_t>(i)]).c_str());
    for (size_t k = 0; k < std::min<size_t>(3, order.size()); ++k)
      std::printf("  %s %.3f", name(order[k]).c_str(), p[static_cast<size_t>(order[k])]);
    std::printf("\n");
  }
  return 0;
}

}  // namespace layerlab::cli
