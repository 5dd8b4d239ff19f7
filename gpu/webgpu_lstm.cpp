// webgpu_lstm.cpp: WebGpuBackend's LSTM: the input projection as one matmul, then per step the recurrent matmul and
// lstm_cell.wgsl; backward runs the steps in reverse, then dwx, db and dx as one matmul each over every step.
#include <cstdint>

#include "webgpu_backend.h"
#include "webgpu_library.h"

namespace layerlab {

namespace {

uint32_t u32(long long v) { return static_cast<uint32_t>(v); }

// lstm_cell.wgsl's uniform; the regions of the cache follow lstm.h: gates (N, T, 4H), then c, tanh(c), h (N, T, H).
struct LstmCellParams {
  uint32_t n, steps, hidden, t, c_offset, tanh_offset, h_offset, return_sequences;
};

LstmCellParams cell_params(const RecurrentShape& s, int t) {
  const long long all = static_cast<long long>(s.batch) * s.steps * s.hidden;
  return {u32(s.batch), u32(s.steps), u32(s.hidden), u32(t), u32(4 * all), u32(5 * all), u32(6 * all),
          s.return_sequences ? 1u : 0u};
}

}  // namespace

void WebGpuBackend::lstm_forward(const RecurrentShape& s, TensorId x, TensorId wx, TensorId wh, TensorId b,
                                 TensorId y, TensorId cache) {
  const uint32_t n = u32(s.batch), steps = u32(s.steps), in = u32(s.in), hidden = u32(s.hidden), gates = 4 * hidden;
  // gates (N·T, 4H) = x · wxᵀ + b, every step at once
  matmul({n * steps, gates, in, in, 1, 1, in, kAddBias}, buffer(x), buffer(wx), buffer(cache), buffer(b));
  const int z = scratch(kLstmZ, size_t(n) * gates);
  for (int t = 0; t < s.steps; ++t) {
    const LstmCellParams p = cell_params(s, t);
    // z (N, 4H) = h_{t−1} · whᵀ, h_{t−1} of example e at h_offset + (e·T + t − 1)·H
    if (t > 0)
      matmul({n, gates, hidden, steps * hidden, 1, 1, hidden, 0, p.h_offset + u32(t - 1) * hidden}, buffer(cache),
             buffer(wh), z, unused_[0]);
    dispatch(pipelines_.lstm_cell_forward, &p, sizeof p, {buffer(cache), z, buffer(y), unused_[0], unused_[1]},
             (size_t(n) * hidden + 63) / 64);
  }
}

void WebGpuBackend::lstm_backward(const RecurrentShape& s, int truncate, TensorId x, TensorId wx, TensorId wh,
                                  TensorId dy, TensorId dx, TensorId dwx, TensorId dwh, TensorId db, TensorId cache) {
  const uint32_t n = u32(s.batch), steps = u32(s.steps), in = u32(s.in), hidden = u32(s.hidden), gates = 4 * hidden;
  const int dz = scratch(kLstmDz, size_t(n) * steps * gates);
  const int dh = scratch(kLstmDh, size_t(n) * hidden);
  const int dc = scratch(kLstmDc, size_t(n) * hidden);
  lab_gpu_clear(dh);
  lab_gpu_clear(dc);
  for (int t = s.steps - 1; t >= 0; --t) {
    const LstmCellParams p = cell_params(s, t);
    dispatch(pipelines_.lstm_cell_backward, &p, sizeof p, {buffer(cache), dz, buffer(dy), dh, dc},
             (size_t(n) * hidden + 63) / 64);
    if (t > 0 && !recurrent_gradient_cut(t, s.steps, truncate)) {
      // dh (N, H) = dz_t (N, 4H) · wh (4H, H), dz_t of example e at (e·T + t)·4H
      matmul({n, hidden, gates, steps * gates, 1, hidden, 1, 0, u32(t) * gates}, dz, buffer(wh), dh, unused_[0]);
    } else {
      lab_gpu_clear(dh);
      lab_gpu_clear(dc);
    }
  }
  // dwh (4H, H) += Σ_{t ≥ 1} dz_tᵀ · h_{t−1}
  const uint32_t h_offset = cell_params(s, 0).h_offset;
  for (uint32_t t = 1; t < steps; ++t)
    matmul({gates, hidden, n, 1, steps * gates, steps * hidden, 1, kAccumulate, t * gates, h_offset + (t - 1) * hidden},
           dz, buffer(cache), buffer(dwh), unused_[0]);
  // dwx (4H, In) += dzᵀ · x over all N·T rows; db += Σ dz; dx (N·T, In) = dz · wx
  matmul({gates, in, n * steps, 1, gates, in, 1, kAccumulate}, dz, buffer(x), buffer(dwx), unused_[0]);
  const uint32_t bias_params[4] = {n * steps, gates, 0, 0};
  dispatch(pipelines_.bias_grad, bias_params, sizeof bias_params, {dz, buffer(db)}, (size_t(gates) + 63) / 64);
  if (dx != kNoTensor)
    matmul({n * steps, in, gates, gates, 1, in, 1, 0}, dz, buffer(wx), buffer(dx), unused_[0]);
}

}  // namespace layerlab
