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

struct ModelAndData {
  LoadedModel model;
  DatasetPair data;
};

// What eval and predict share: MODEL.llm and --data, loaded and checked against each other. The seed
// (which decides the split of sets split at load time) defaults to the one the model was trained with.
ModelAndData open_model_and_data(const Args& args, const char* usage) {
  if (args.positional().size() != 1) fail(std::string("usage: ") + usage);
  ModelAndData m;
  std::string error;
  if (!load_model(args.positional()[0], &m.model, &error)) fail(error);
  const long long seed = args.integer("--seed", static_cast<long long>(m.model.meta.seed), 0, 4294967295LL);
  m.data = load_data(args, static_cast<uint64_t>(seed));
  const Dataset& d = m.data.test;
  InputShape data_shape{d.features, d.channels, d.height, d.width, d.steps};
  const InputShape& want = m.model.spec.input;
  const bool image_mismatch = want.is_image() && d.channels > 0 &&
                              (d.channels != want.channels || d.height != want.height || d.width != want.width);
  if (d.features != want.features || image_mismatch)
    fail(args.text("--data", "") + " holds inputs of shape " + shape_text(data_shape) + " but the model expects " + shape_text(want) +
         (image_mismatch && d.channels != want.channels ? " (the number of channels differs)" : ""));
  return m;
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
  const std::string split = args.text("--split", "test");
  if (split != "test" && split != "train") fail("--split must be test or train");
  const ModelAndData opened = open_model_and_data(args, usage);
  const LoadedModel& model = opened.model;
  const DatasetPair& data = opened.data;
  const Dataset& d = split == "test" ? data.test : data.train;
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
  const ModelAndData opened = open_model_and_data(args, usage);
  const LoadedModel& model = opened.model;
  const Dataset& d = opened.data.test;
  const int limit = static_cast<int>(args.integer("--limit", 20, 1, 10000000));
  const int outputs = model.network.output_features();
  const std::vector<float> logits = network_outputs(model.network, d);
  auto name = [&](int k) { return k < static_cast<int>(model.meta.class_names.size()) ? model.meta.class_names[k] : std::to_string(k); };
  std::vector<double> p(static_cast<size_t>(std::max(outputs, 2)));
  std::vector<int> order(p.size());
  for (int i = 0; i < std::min(limit, d.size()); ++i) {
    const float* z = logits.data() + static_cast<size_t>(i) * outputs;
    if (outputs == 1) {  // one logit: P(class 1) = σ(z)
      p[1] = 1.0 / (1.0 + std::exp(-static_cast<double>(z[0])));
      p[0] = 1.0 - p[1];
    } else {
      const double m = *std::max_element(z, z + outputs);
      double sum = 0;
      for (int k = 0; k < outputs; ++k) sum += p[static_cast<size_t>(k)] = std::exp(z[k] - m);
      for (double& v : p) v /= sum;
    }
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
