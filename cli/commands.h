// commands.h: the `layerlab` subcommands (each in its own file) and what they share.
#pragma once
#include <string>
#include <vector>

#include "args.h"
#include "dataset_catalog.h"
#include "model_spec.h"
#include "network.h"

namespace layerlab::cli {

int train_command(int argc, char** argv);    // train_command.cpp
int eval_command(int argc, char** argv);     // eval_command.cpp
int predict_command(int argc, char** argv);  // eval_command.cpp
int info_command(int argc, char** argv);     // info_command.cpp
int generate_command(int argc, char** argv); // generate_command.cpp

// --data, --data-dir, --seed, --points, --noise, --test-fraction, --label: loads or fails with one line.
DatasetPair load_data(const Args& args, uint64_t seed);
// Logits for every example of `data`, (size, outputs), in chunks (no batch-sized buffers per call).
std::vector<float> network_outputs(const Network& net, const Dataset& data);
// Prints accuracy, per-class accuracy and the confusion matrix; returns the accuracy.
double print_evaluation(const Network& net, const Dataset& data, const std::vector<std::string>& class_names,
                        bool binary_logit);

}  // namespace layerlab::cli
