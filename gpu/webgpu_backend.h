// webgpu_backend.h: WebGpuBackend (wasm only): tensors resident in GPU buffers, each op one or more WGSL dispatches.
// The device is requested once (start_webgpu) and polled (webgpu_state); the frame loop never waits on it.
// Convolutions run with zero padding only (supports()); edge padding stays on the CPU backend.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend.h"

namespace layerlab {

enum class WebGpuState { Starting, Ready, Unavailable, Failed };

void start_webgpu();  // once, at start-up: requests the adapter and the device
WebGpuState webgpu_state();
std::string webgpu_adapter_name();
// Counted since start-up, over every WebGpuBackend: staging-buffer maps (one per step with reads),
// compute dispatches, and errors (validation, device loss, failed steps).
long webgpu_map_async_calls();
long webgpu_dispatches();
long webgpu_errors();

class WebGpuBackend final : public Backend {
 public:
  WebGpuBackend();  // needs webgpu_state() == Ready; creates every pipeline once
  ~WebGpuBackend() override;
  WebGpuBackend(const WebGpuBackend&) = delete;
  WebGpuBackend& operator=(const WebGpuBackend&) = delete;
  const char* name() const override { return "webgpu"; }
  // True once a step has failed (validation error, device lost): its reads are not to be trusted.
  bool failed() const { return failed_; }
  bool in_step() const { return in_step_; }
  bool supports(const Conv2dGeometry& g) const override { return g.padding == PaddingMode::Zeros; }

  TensorId create_tensor(size_t count) override;
  void destroy_tensor(TensorId t) override;  // between steps only
  void write(TensorId t, const float* values, size_t count) override;
  void write_labels(TensorId t, const int* labels, size_t count) override;

  void begin_step() override;
  void end_step(std::function<void()> done) override;
  void read(TensorId t, float* destination, size_t count) override;
  void zero(TensorId t) override;

  void dense_forward(TensorId x, TensorId w, TensorId b, TensorId y, int n, int in, int out) override;
  void dense_backward(TensorId x, TensorId w, TensorId dy, TensorId dx, TensorId dw, TensorId db, int n, int in,
                      int out) override;
  void activation_forward(Activation a, TensorId x, TensorId y, size_t count) override;
  void activation_backward(Activation a, TensorId y, TensorId dy, TensorId dx, size_t count) override;
  void softmax_cross_entropy_forward(TensorId logits, TensorId labels, TensorId probs, TensorId loss, int n,
                                     int classes) override;
  void softmax_cross_entropy_backward(TensorId probs, TensorId labels, TensorId dlogits, int n, int classes) override;
  void sgd_update(TensorId w, TensorId g, size_t count, float lr) override;
  void momentum_update(TensorId w, TensorId g, TensorId v, size_t count, float lr, float momentum) override;
  void adam_update(TensorId w, TensorId g, TensorId m, TensorId v, size_t count, float lr, float beta1, float beta2,
                   float epsilon, long t) override;
  void conv2d_forward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId b, TensorId y, int n) override;
  void conv2d_backward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId dy, TensorId dx, TensorId dw,
                       TensorId db, int n) override;
  void max_pool_forward(const Pool2dGeometry& g, TensorId x, TensorId y, int n) override;
  void max_pool_backward(const Pool2dGeometry& g, TensorId x, TensorId dy, TensorId dx, int n) override;
  void lstm_forward(const RecurrentShape& s, TensorId x, TensorId wx, TensorId wh, TensorId b, TensorId y,
                    TensorId cache) override;
  void lstm_backward(const RecurrentShape& s, int truncate, TensorId x, TensorId wx, TensorId wh, TensorId dy,
                     TensorId dx, TensorId dwx, TensorId dwh, TensorId db, TensorId cache) override;

 private:
  struct Pipelines {
    int matmul, bias_grad, activation_forward, activation_backward;
    int softmax_ce_forward, softmax_ce_mean, softmax_ce_backward;
    int sgd, momentum, adam;
    int conv2d_forward, conv2d_backward_input, conv2d_backward_weights, conv2d_backward_bias;
    int max_pool_forward, max_pool_backward;
    int lstm_cell_forward, lstm_cell_backward;
  };
  // C (m, n) [+]= A (m, k) · B (k, n) [+ bias]: matmul.wgsl's uniform (A[i][j] at a[a_offset + i·a_row + j·a_col]).
  struct MatmulParams {
    uint32_t m, n, k, a_row, a_col, b_row, b_col, flags;
    uint32_t a_offset = 0, b_offset = 0, pad0 = 0, pad1 = 0;
  };
  static constexpr uint32_t kAccumulate = 1, kAddBias = 2;
  // Buffers only this backend sees, grown on demand: softmax's row losses and the LSTM's step temporaries.
  enum Scratch { kRowLoss, kLstmZ, kLstmDz, kLstmDh, kLstmDc, kScratchCount };

  int buffer(TensorId t) const;  // the JS handle; throws for a tensor that does not exist
  // Records one dispatch of `pipeline` over `buffers` (JS handles, bindings 1..n) with `params` as binding 0.
  void dispatch(int pipeline, const void* params, size_t bytes, const std::vector<int>& buffers, size_t groups_x,
                size_t groups_y = 1);
  // A dispatch of ⌈count / 64⌉ groups of 64, folded into two dimensions past 65535 groups.
  void dispatch_elements(int pipeline, const void* params, size_t bytes, const std::vector<int>& buffers,
                         size_t count);
  void matmul(const MatmulParams& p, int a, int b, int c, int bias);
  int scratch(Scratch which, size_t floats);

  Pipelines pipelines_{};
  std::vector<int> buffers_;  // by TensorId; 0 once destroyed
  // Bound where a kernel's binding is unused by this op (two, since no buffer may be bound twice for writing).
  int unused_[2] = {0, 0};
  int scratch_[kScratchCount] = {};
  size_t scratch_floats_[kScratchCount] = {};
  std::vector<int> retired_;  // scratch buffers outgrown mid-step, destroyed with the backend
  bool in_step_ = false;
  bool failed_ = false;
};

}  // namespace layerlab
