// memory_budget.h: what a model needs in memory, estimated before anything is allocated (from its spec, or from a built
// network and a batch size), the budget it must fit (1 GiB, what a wasm page can count on) and the batch-size limit.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model_spec.h"
#include "network.h"

namespace layerlab {

constexpr int64_t kMemoryBudgetBytes = int64_t{1} << 30;
constexpr int kMaxBatchSize = 1 << 16;
constexpr int kMaxOptimizerSlots = 2;  // Adam's two moment vectors: the most state any optimizer keeps per weight

// Bytes, as doubles so that no absurd model overflows an integer (size_t is 32-bit on wasm).
struct MemoryEstimate {
  double parameter_bytes = 0;   // weights and their gradients
  double optimizer_bytes = 0;   // optimizer state
  double activation_bytes = 0;  // layer outputs, caches and backward buffers for the batch
  double total() const { return parameter_bytes + optimizer_bytes + activation_bytes; }
};

// From the spec and its inferred `shapes` (infer_shapes), for `batch` examples at a time.
MemoryEstimate estimate_spec_memory(const ModelSpec& spec, const std::vector<InputShape>& shapes, int batch, int optimizer_slots);

// From a built network: its parameters, and one workspace per entry of `batches` (a training session holds a
// training batch and an evaluation chunk). Asks each layer its cache size for 1 and 2 examples (caches grow
// linearly with the batch), so nothing large is computed in size_t.
MemoryEstimate estimate_network_memory(const Network& net, const std::vector<int>& batches, int optimizer_slots);

// "" when `estimate` fits `budget`, else "<what> would need about 1.30 GiB of memory (...); the limit is 1.00 GiB".
std::string check_memory_budget(const MemoryEstimate& estimate, const std::string& what, int64_t budget = kMemoryBudgetBytes);

// "" for 1 to kMaxBatchSize, else one sentence naming the limit.
std::string check_batch_size(int64_t batch);

// "512 KiB", "1.50 GiB", "37.5 MiB": bytes for a message, to three digits.
std::string format_bytes(double bytes);

}  // namespace layerlab
