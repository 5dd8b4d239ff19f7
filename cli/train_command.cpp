// train_command.cpp: `layerlab train`: a model spec, a dataset and hyperparameters in; progress with
// loss, accuracy and samples/s out; a model file written at the end.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <unistd.h>

#include "commands.h"
#include "dataset2d.h"
#include "model_file.h"
#include "training_session.h"

namespace layerlab::cli {

namespace {

void help() {
  std::printf(
      "usage: layerlab train --data NAME [options]\n"
      "  --data NAME        circle|xor|gaussians|spiral (generated), fashion-mnist, digits, iris, wine,\n"
      "                     breast-cancer, memory[-N] (first symbol after N distractors), words (next\n"
      "                     character), seattle-temps|sf-temps (next hour, regression), or a .lds or .csv\n"
      "                     file (--label COLUMN picks the CSV's label)\n"
      "  --layers TEXT      e.g. \"dense 128 relu, dropout 0.2, dense 64 relu, dense 10\",\n"
      "                     \"conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2, flatten, dense 10\",\n"
      "                     \"lstm 64, dense 10\" (images are read row by row); the last layer must have one\n"
      "                     unit per class (per step for many-to-many, one per target for regression);\n"
      "                     default: the playground's \"dense 4 tanh, dense 2 tanh\" for 2-D data, \"lstm 32\"\n"
      "                     (\"lstm 64 sequences\" for words) for sequences, \"dense 128 relu, dense 64 relu\"\n"
      "                     otherwise, then the output\n"
      "  --optimizer NAME   sgd (default), momentum, nesterov, adagrad, rmsprop, adam   --momentum M\n"
      "  --lr X             base learning rate (default 0.03; 0.001 is a good start for adam)\n"
      "  --schedule NAME    constant (default), step, exponential, cosine\n"
      "  --batch N          examples per update (1 = online learning; default 10, 32 for image data)\n"
      "  --epochs N | --steps N   how long (default 200 epochs for 2-D data, 5 otherwise)\n"
      "  --loss NAME        softmax (default), mse, bce (one output, two classes)\n"
      "  --l1 X --l2 X      weight penalties        --validation F  hold out a fraction of training data\n"
      "  --clip X           clip gradients to global L2 norm X (recurrent networks; default: off)\n"
      "  --seed N           data, split, weights and order (default 1)\n"
      "  --points N --noise X   2-D generators      --data-dir DIR  converted datasets (default ~/.cache/layerlab/data)\n"
      "  --out FILE         write the trained model (.llm)\n"
      "  --print-losses     print every mini-batch loss on stdout   --quiet  no progress lines\n");
}

LossKind parse_loss(const std::string& s) {
  if (s == "softmax") return LossKind::SoftmaxCrossEntropy;
  if (s == "mse") return LossKind::MeanSquaredError;
  if (s == "bce") return LossKind::BinaryCrossEntropy;
  fail("unknown loss '" + s + "' (softmax, mse, bce)");
}

void progress_line(const TrainingSession& s, long long epochs, double samples_per_second, bool validation, bool done) {
  const EpochRecord& last = s.history().back();
  const int width = 20;
  const int filled = epochs > 0 ? static_cast<int>(width * s.epoch() / epochs) : width;
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  std::fprintf(stderr, "%sepoch %3d/%lld [%s] loss %.4f acc %.4f  %s loss %.4f acc %.4f  %8.0f samples/s%s",
               isatty(2) ? "\r" : "", s.epoch(), epochs, bar, static_cast<double>(last.train.loss),
               static_cast<double>(last.train.accuracy), validation ? "val" : "test", static_cast<double>(last.test.loss),
               static_cast<double>(last.test.accuracy), samples_per_second, done || !isatty(2) ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace

int train_command(int argc, char** argv) {
  const Args args(argc, argv, 2, {"--print-losses", "--quiet", "--help"});
  if (args.has("--help")) {
    help();
    return 0;
  }
  args.allow_only({"--data", "--layers", "--optimizer", "--momentum", "--lr", "--schedule", "--batch", "--epochs", "--steps",
                   "--loss", "--l1", "--l2", "--validation", "--seed", "--points", "--noise", "--data-dir", "--label",
                   "--test-fraction", "--out", "--print-losses", "--quiet", "--clip", "--help"});
  const uint64_t seed = static_cast<uint64_t>(args.integer("--seed", 1, 0, 4294967295LL));
  DatasetPair data = load_data(args, seed);
  Shape2D shape;
  const bool plane = parse_shape2d(args.text("--data", "").c_str(), &shape);
  const bool images = data.train.channels > 0;

  TrainingConfig config;
  config.loss = parse_loss(args.text("--loss", data.train.is_regression() ? "mse" : "softmax"));
  config.learning_rate = static_cast<float>(args.number("--lr", 0.03, 1e-7, 100.0));
  config.batch_size = static_cast<int>(args.integer("--batch", images ? 32 : 10, 1, 1 << 20));
  config.l1 = static_cast<float>(args.number("--l1", 0.0, 0.0, 10.0));
  config.l2 = static_cast<float>(args.number("--l2", 0.0, 0.0, 10.0));
  config.seed = seed + 3;
  config.clip_norm = static_cast<float>(args.number("--clip", 0.0, 0.0, 1e6));
  config.evaluate_train_set = data.train.size() <= 5000;
  if (!parse_optimizer(args.text("--optimizer", "sgd").c_str(), &config.optimizer.kind))
    fail("unknown optimizer '" + args.text("--optimizer", "") + "' (sgd, momentum, nesterov, adagrad, rmsprop, adam)");
  config.optimizer.momentum = static_cast<float>(args.number("--momentum", 0.9, 0.0, 0.9999));
  const long long epochs = args.integer("--epochs", plane ? 200 : 5, 1, 1000000);
  const long long steps = args.integer("--steps", -1, 0, 1000000000LL);
  if (!parse_schedule(args.text("--schedule", "constant").c_str(), &config.schedule.kind))
    fail("unknown schedule '" + args.text("--schedule", "") + "' (constant, step, exponential, cosine)");
  config.schedule.total_epochs = static_cast<int>(epochs);

  // The output layer follows the data: one unit per class (one logit for binary cross-entropy).
  ModelSpec spec;
  spec.input = InputShape{data.train.features, data.train.channels, data.train.height, data.train.width, data.train.steps};
  const int outputs = data.train.is_regression()                           ? data.train.target_width
                      : config.loss == LossKind::BinaryCrossEntropy ? 1
                                                                    : data.train.classes;
  // Defaults: the playground's MLP on the plane, an LSTM on sequences (one output per step when every step
  // is labelled), an MLP otherwise.
  const bool sequence = data.train.steps > 0;
  const char* default_layers = plane      ? "dense 4 tanh, dense 2 tanh"
                               : sequence ? (data.train.label_steps > 1 ? "lstm 64 sequences" : "lstm 32")
                                          : "dense 128 relu, dense 64 relu";
  std::string layers = args.text("--layers", default_layers);
  if (!args.has("--layers")) layers += ", dense " + std::to_string(outputs);
  if (images && layers.rfind("dense", 0) == 0) layers = "flatten, " + layers;  // an MLP on pixels
  std::string error;
  if (!parse_layers(layers, &spec.layers, &error)) fail("--layers: " + error);
  const std::string problem = validate_spec(spec);
  if (!problem.empty()) fail("--layers: " + problem);

  Dataset monitor = std::move(data.test);
  Dataset final_test;
  const double validation = args.number("--validation", 0.0, 0.0, 0.9);
  if (validation > 0.0) {  // hold out part of the training set; the test set is only looked at at the end
    final_test = std::move(monitor);
    TrainTestSplit split = split_dataset(data.train, static_cast<float>(1.0 - validation), seed + 4);
    data.train = std::move(split.train);
    monitor = std::move(split.test);
  }
  TrainingSession session(build_network(spec, seed + 2), std::move(data.train), std::move(monitor), config);
  const bool quiet = args.has("--quiet"), print_losses = args.has("--print-losses");
  if (!quiet) std::fprintf(stderr, "%s\n%s", data.title.c_str(), summary_table(spec).c_str());

  using Clock = std::chrono::steady_clock;
  auto epoch_start = Clock::now();
  long epoch_steps_start = 0;
  while (!session.diverged() && (steps >= 0 ? session.steps() < steps : session.epoch() < epochs)) {
    const int epoch_before = session.epoch();
    const float loss = session.step();
    if (print_losses) std::printf("%.9g\n", static_cast<double>(loss));
    if (session.epoch() != epoch_before && !quiet) {
      const double seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
      const double samples = static_cast<double>(session.steps() - epoch_steps_start) * session.config().batch_size;
      progress_line(session, steps >= 0 ? 0 : epochs, samples / seconds, validation > 0.0, true);
      epoch_start = Clock::now();
      epoch_steps_start = session.steps();
    }
  }
  if (session.diverged()) fail(session.error());
  // The last epoch's record, unless training stopped mid-epoch (--steps): then measure the weights as they are.
  const EpochRecord& record = session.history().back();
  const Metrics last = record.step == session.steps() ? record.test : session.evaluate(session.test_set());
  if (!print_losses || !quiet) {
    char measure[64];
    if (session.train_set().is_regression())  // root of the mean squared error, in the data's (standardised) units
      std::snprintf(measure, sizeof measure, "rmse %.4f", std::sqrt(static_cast<double>(last.loss)));
    else
      std::snprintf(measure, sizeof measure, "accuracy %.4f", static_cast<double>(last.accuracy));
    std::fprintf(print_losses ? stderr : stdout, "trained %ld steps, %d epochs: %s loss %.4f, %s\n", session.steps(), session.epoch(),
                 validation > 0.0 ? "validation" : "test", static_cast<double>(last.loss), measure);
  }
  if (validation > 0.0 && final_test.size() > 0)
    std::printf("test accuracy %.4f\n", static_cast<double>(session.evaluate(final_test).accuracy));

  const std::string out = args.text("--out", "");
  if (!out.empty()) {
    TrainingMetadata meta;
    meta.seed = seed;
    meta.epoch = session.epoch();
    meta.step = session.steps();
    meta.dataset = args.text("--data", "");
    meta.learning_rate = config.learning_rate;
    meta.batch_size = session.config().batch_size;
    meta.loss = config.loss;
    meta.class_names = session.train_set().class_names;
    if (!save_model(out, spec, session.network(), &session.optimizer(), meta, &error)) fail(error);
    if (!quiet) std::fprintf(stderr, "wrote %s\n", out.c_str());
  }
  return 0;
}

}  // namespace layerlab::cli
