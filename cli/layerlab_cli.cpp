// layerlab_cli.cpp: layerlab-cli, train a playground MLP from the command line and print its losses.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "dataset2d.h"
#include "mlp.h"
#include "playground_recipe.h"
#include "training_session.h"

using namespace layerlab;

namespace {

int usage(FILE* out) {
  std::fprintf(out,
               "usage: layerlab-cli train [options]\n"
               "  --dataset circle|xor|gaussians|spiral   (default circle)\n"
               "  --points N        %d..%d (default 500)\n"
               "  --noise X         0..0.5 (default 0)\n"
               "  --spiral-recipe   start from the spiral recipe (3 ReLU layers of 16, lr 0.1)\n"
               "  --hidden 4,2      neurons per hidden layer, 0..%d layers of 1..%d\n"
               "  --activation relu|tanh|sigmoid|linear\n"
               "  --lr X  --batch N  --seed N\n"
               "  --steps N | --epochs N   how long to train\n"
               "  --print-losses    one line per step with its mini-batch loss\n",
               kMinPoints2D, kMaxPoints2D, kMaxHiddenLayers, kMaxNeuronsPerLayer);
  return out == stderr ? 2 : 0;
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "layerlab-cli: %s\n", message.c_str());
  std::exit(2);
}

double number(const char* flag, const char* text, double lo, double hi) {
  char* end = nullptr;
  const double v = std::strtod(text, &end);
  if (end == text || *end != '\0') fail(std::string(flag) + " needs a number, got '" + text + "'");
  if (!(v >= lo && v <= hi))
    fail(std::string(flag) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return v;
}

std::vector<int> parse_hidden(const char* text) {
  std::vector<int> hidden;
  std::string s = text;
  if (s.empty() || s == "none") return hidden;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t comma = s.find(',', start);
    const std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    hidden.push_back(static_cast<int>(number("--hidden", part.c_str(), 1, kMaxNeuronsPerLayer)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (static_cast<int>(hidden.size()) > kMaxHiddenLayers)
    fail("--hidden allows at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  return hidden;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) return usage(stdout);
  if (std::strcmp(argv[1], "train") != 0) {
    std::fprintf(stderr, "layerlab-cli: unknown command '%s'\n", argv[1]);
    return usage(stderr);
  }
  PlaygroundRecipe recipe;
  long steps = -1, epochs = -1;
  bool print_losses = false;
  for (int i = 2; i < argc; ++i) {
    const char* flag = argv[i];
    if (std::strcmp(flag, "--print-losses") == 0) { print_losses = true; continue; }
    if (std::strcmp(flag, "--spiral-recipe") == 0) { recipe = spiral_recipe(); continue; }
    if (i + 1 >= argc) fail(std::string(flag) + " needs a value");
    const char* v = argv[++i];
    if (!std::strcmp(flag, "--dataset")) {
      if (!parse_shape2d(v, &recipe.shape)) fail(std::string("unknown dataset '") + v + "' (circle, xor, gaussians, spiral)");
    } else if (!std::strcmp(flag, "--points")) recipe.points = static_cast<int>(number(flag, v, kMinPoints2D, kMaxPoints2D));
    else if (!std::strcmp(flag, "--noise")) recipe.noise = static_cast<float>(number(flag, v, 0, 0.5));
    else if (!std::strcmp(flag, "--hidden")) recipe.mlp.hidden = parse_hidden(v);
    else if (!std::strcmp(flag, "--activation")) {
      if (!parse_activation(v, &recipe.mlp.activation)) fail(std::string("unknown activation '") + v + "'");
    } else if (!std::strcmp(flag, "--lr")) recipe.training.learning_rate = static_cast<float>(number(flag, v, 1e-6, 100));
    else if (!std::strcmp(flag, "--batch")) recipe.training.batch_size = static_cast<int>(number(flag, v, 1, kMaxPoints2D));
    else if (!std::strcmp(flag, "--seed")) recipe.seed = static_cast<uint64_t>(number(flag, v, 0, 4294967295.0));
    else if (!std::strcmp(flag, "--steps")) steps = static_cast<long>(number(flag, v, 0, 1e9));
    else if (!std::strcmp(flag, "--epochs")) epochs = static_cast<long>(number(flag, v, 0, 1e6));
    else fail(std::string("unknown option '") + flag + "' (see layerlab-cli --help)");
  }
  if (steps < 0 && epochs < 0) epochs = 200;

  try {
    TrainingSession session = make_playground_session(recipe);
    while (!session.diverged() && (steps >= 0 ? session.steps() < steps : session.epoch() < epochs)) {
      const float loss = session.step();
      if (print_losses) std::printf("%.9g\n", static_cast<double>(loss));
    }
    if (session.diverged()) fail(session.error());
    const EpochRecord& last = session.history().back();
    std::fprintf(print_losses ? stderr : stdout,
                 "%s: %ld steps, %d epochs; train loss %.4f accuracy %.3f; test loss %.4f accuracy %.3f\n",
                 shape2d_name(recipe.shape), session.steps(), session.epoch(), static_cast<double>(last.train.loss),
                 static_cast<double>(last.train.accuracy), static_cast<double>(last.test.loss),
                 static_cast<double>(last.test.accuracy));
  } catch (const std::exception& e) {
    fail(e.what());
  }
  return 0;
}
