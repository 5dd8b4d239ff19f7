// parameter_arena.cpp: reservation, one-time allocation and views of the parameter arena.
#include "parameter_arena.h"

#include <algorithm>
#include <stdexcept>

namespace layerlab {

ParamId ParameterArena::reserve(std::string name, size_t size, ParamRole role) {
  if (allocated_) throw std::logic_error("ParameterArena::reserve after allocate: " + name);
  params_.push_back({std::move(name), total_, size, role});
  total_ += size;
  return static_cast<ParamId>(params_.size() - 1);
}

void ParameterArena::allocate() {
  if (allocated_) return;
  values_.assign(total_, 0.0f);
  grads_.assign(total_, 0.0f);
  allocated_ = true;
}

Span<float> ParameterArena::value(ParamId id) {
  const ParamInfo& p = info(id);
  return {values_.data() + p.offset, p.size};
}

Span<float> ParameterArena::grad(ParamId id) {
  const ParamInfo& p = info(id);
  return {grads_.data() + p.offset, p.size};
}

Span<const float> ParameterArena::value(ParamId id) const {
  const ParamInfo& p = info(id);
  return {values_.data() + p.offset, p.size};
}

void ParameterArena::zero_grad() { std::fill(grads_.begin(), grads_.end(), 0.0f); }

ParamId ParameterArena::owner_of(size_t flat_index) const {
  for (size_t i = 0; i < params_.size(); ++i)
    if (flat_index >= params_[i].offset && flat_index < params_[i].offset + params_[i].size)
      return static_cast<ParamId>(i);
  return -1;
}

}  // namespace layerlab
