// model_file.h: LayerLab's model file (.llm): architecture, weights, optimizer state and training
// metadata in one versioned, checksummed file (byte layout in docs/model-format.md).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "loss.h"
#include "model_spec.h"
#include "network.h"
#include "optimizer.h"

namespace layerlab {

constexpr uint32_t kModelFormatVersion = 2;  // 2 added the input's sequence steps; 1 is still read

struct TrainingMetadata {
  uint64_t seed = 0;
  int32_t epoch = 0;
  int64_t step = 0;
  std::string dataset;                   // e.g. "fashion-mnist"
  float learning_rate = 0.0f;
  int32_t batch_size = 0;
  LossKind loss = LossKind::SoftmaxCrossEntropy;
  std::vector<std::string> class_names;  // may be empty
};

struct LoadedModel {
  ModelSpec spec;
  Network network{1};
  std::unique_ptr<Optimizer> optimizer;  // null if the file holds no optimizer state
  TrainingMetadata meta;
};

// Serialises to bytes, or to `path` (written to path + ".tmp" first, then renamed over the old file,
// so an interrupted save leaves the previous one intact).
std::vector<uint8_t> model_to_bytes(const ModelSpec& spec, const Network& net, const Optimizer* optimizer,
                                    const TrainingMetadata& meta);
bool save_model(const std::string& path, const ModelSpec& spec, const Network& net, const Optimizer* optimizer,
                const TrainingMetadata& meta, std::string* error);

// Every size is checked against the limits and the bytes present before anything large is allocated;
// a bad file gives false and one sentence in `error` (prefixed by `name` when given).
bool model_from_bytes(const uint8_t* data, size_t size, LoadedModel* out, std::string* error, const std::string& name = "");
bool load_model(const std::string& path, LoadedModel* out, std::string* error);

}  // namespace layerlab
