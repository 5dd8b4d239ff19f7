// parameter_arena.h: ParameterArena, the one owner of every parameter and gradient; ids, never pointers.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "tensor.h"

namespace layerlab {

using ParamId = int;

// Weights are what weight penalties (regularization.h) shrink; biases are left alone.
enum class ParamRole { Weight, Bias };

struct ParamInfo {
  std::string name;  // e.g. "dense 1 weights"
  size_t offset;
  size_t size;
  ParamRole role;
};

// Layers reserve their parameters while a model is built; allocate() then makes one block of values and
// one of gradients, which never moves again, so the views layers take stay valid for the arena's life.
class ParameterArena {
 public:
  ParamId reserve(std::string name, size_t size, ParamRole role = ParamRole::Weight);
  void allocate();
  bool allocated() const { return allocated_; }

  Span<float> value(ParamId id);
  Span<float> grad(ParamId id);
  Span<const float> value(ParamId id) const;
  Span<float> values() { return {values_.data(), values_.size()}; }
  Span<float> grads() { return {grads_.data(), grads_.size()}; }
  Span<const float> values() const { return {values_.data(), values_.size()}; }
  Span<const float> grads() const { return {grads_.data(), grads_.size()}; }

  void zero_grad();
  int count() const { return static_cast<int>(params_.size()); }
  size_t total_size() const { return total_; }
  const ParamInfo& info(ParamId id) const { return params_[static_cast<size_t>(id)]; }
  // The parameter holding flat index i of values() (for naming the culprit of a NaN).
  ParamId owner_of(size_t flat_index) const;

 private:
  std::vector<ParamInfo> params_;
  std::vector<float> values_, grads_;
  size_t total_ = 0;
  bool allocated_ = false;
};

}  // namespace layerlab
