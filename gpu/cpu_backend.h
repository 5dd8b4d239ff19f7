// cpu_backend.h: CpuBackend, the reference Backend: tensors in host memory, every op a call to the engine kernel.
#pragma once
#include <vector>

#include "backend.h"

namespace layerlab {

class CpuBackend final : public Backend {
 public:
  const char* name() const override { return "cpu"; }

  TensorId create_tensor(size_t count) override;
  void destroy_tensor(TensorId t) override;
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
  // A tensor holds floats, or int32 labels once write_labels() has filled it.
  struct Tensor {
    std::vector<float> values;
    std::vector<int> labels;
    bool live = true;
  };
  float* data(TensorId t);
  const int* labels(TensorId t);
  float* optional(TensorId t) { return t == kNoTensor ? nullptr : data(t); }

  struct PendingRead {
    TensorId tensor;
    float* destination;
    size_t count;
  };
  std::vector<Tensor> tensors_;
  std::vector<PendingRead> reads_;
  std::vector<float> cols_, dcols_;  // conv2d scratch
};

}  // namespace layerlab
