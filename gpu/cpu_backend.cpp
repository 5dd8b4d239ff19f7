// cpu_backend.cpp: CpuBackend: host tensors, and each op forwarded to the engine kernel it mirrors.
#include "cpu_backend.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "dense.h"
#include "loss.h"
#include "optimizer.h"

namespace layerlab {

TensorId CpuBackend::create_tensor(size_t count) {
  Tensor t;
  t.values.assign(count, 0.0f);
  tensors_.push_back(std::move(t));
  return static_cast<TensorId>(tensors_.size() - 1);
}

void CpuBackend::destroy_tensor(TensorId t) {
  data(t);
  tensors_[t] = Tensor{};
  tensors_[t].live = false;
}

float* CpuBackend::data(TensorId t) {
  if (t < 0 || static_cast<size_t>(t) >= tensors_.size() || !tensors_[t].live)
    throw std::invalid_argument("cpu backend: no tensor " + std::to_string(t));
  return tensors_[t].values.data();
}

const int* CpuBackend::labels(TensorId t) {
  data(t);
  if (tensors_[t].labels.empty()) throw std::invalid_argument("cpu backend: tensor " + std::to_string(t) + " holds no labels");
  return tensors_[t].labels.data();
}

void CpuBackend::write(TensorId t, const float* values, size_t count) {
  std::copy(values, values + count, data(t));
}

void CpuBackend::write_labels(TensorId t, const int* labels, size_t count) {
  data(t);
  tensors_[t].labels.assign(labels, labels + count);
}

void CpuBackend::begin_step() { reads_.clear(); }

void CpuBackend::end_step(std::function<void()> done) {
  for (const PendingRead& r : reads_) std::copy(data(r.tensor), data(r.tensor) + r.count, r.destination);
  reads_.clear();
  done();
}

void CpuBackend::read(TensorId t, float* destination, size_t count) { reads_.push_back({t, destination, count}); }

void CpuBackend::zero(TensorId t) {
  data(t);
  std::fill(tensors_[t].values.begin(), tensors_[t].values.end(), 0.0f);
}

void CpuBackend::dense_forward(TensorId x, TensorId w, TensorId b, TensorId y, int n, int in, int out) {
  layerlab::dense_forward(data(x), data(w), data(b), data(y), n, in, out);
}

void CpuBackend::dense_backward(TensorId x, TensorId w, TensorId dy, TensorId dx, TensorId dw, TensorId db, int n,
                                int in, int out) {
  layerlab::dense_backward(data(x), data(w), data(dy), optional(dx), data(dw), data(db), n, in, out);
}

void CpuBackend::activation_forward(Activation a, TensorId x, TensorId y, size_t count) {
  layerlab::activation_forward(a, data(x), data(y), 1, static_cast<int>(count));
}

void CpuBackend::activation_backward(Activation a, TensorId y, TensorId dy, TensorId dx, size_t count) {
  layerlab::activation_backward(a, data(y), data(dy), data(dx), 1, static_cast<int>(count));
}

void CpuBackend::softmax_cross_entropy_forward(TensorId logits, TensorId labels_id, TensorId probs, TensorId loss,
                                               int n, int classes) {
  data(loss)[0] = layerlab::softmax_cross_entropy_forward(data(logits), labels(labels_id), data(probs), n, classes);
}

void CpuBackend::softmax_cross_entropy_backward(TensorId probs, TensorId labels_id, TensorId dlogits, int n,
                                                int classes) {
  layerlab::softmax_cross_entropy_backward(data(probs), labels(labels_id), data(dlogits), n, classes);
}

void CpuBackend::sgd_update(TensorId w, TensorId g, size_t count, float lr) {
  layerlab::sgd_update(data(w), data(g), count, lr);
}

void CpuBackend::momentum_update(TensorId w, TensorId g, TensorId v, size_t count, float lr, float momentum) {
  layerlab::momentum_update(data(w), data(g), data(v), count, lr, momentum);
}

void CpuBackend::adam_update(TensorId w, TensorId g, TensorId m, TensorId v, size_t count, float lr, float beta1,
                             float beta2, float epsilon, long t) {
  layerlab::adam_update(data(w), data(g), data(m), data(v), count, lr, beta1, beta2, epsilon, t);
}

void CpuBackend::conv2d_forward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId b, TensorId y, int n) {
  cols_.resize(static_cast<size_t>(g.patch()) * g.out_h() * g.out_w());
  layerlab::conv2d_forward(g, data(x), data(w), data(b), data(y), n, cols_.data());
}

void CpuBackend::conv2d_backward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId dy, TensorId dx,
                                 TensorId dw, TensorId db, int n) {
  cols_.resize(static_cast<size_t>(g.patch()) * g.out_h() * g.out_w());
  dcols_.resize(cols_.size());
  layerlab::conv2d_backward(g, data(x), data(w), data(dy), optional(dx), data(dw), data(db), n, cols_.data(),
                            dcols_.data());
}

void CpuBackend::max_pool_forward(const Pool2dGeometry& g, TensorId x, TensorId y, int n) {
  Pool2dGeometry max = g;
  max.kind = PoolKind::Max;
  layerlab::pool2d_forward(max, data(x), data(y), n);
}

void CpuBackend::max_pool_backward(const Pool2dGeometry& g, TensorId x, TensorId dy, TensorId dx, int n) {
  Pool2dGeometry max = g;
  max.kind = PoolKind::Max;
  layerlab::pool2d_backward(max, data(x), data(dy), data(dx), n);
}

void CpuBackend::lstm_forward(const RecurrentShape& s, TensorId x, TensorId wx, TensorId wh, TensorId b, TensorId y,
                              TensorId cache) {
  layerlab::lstm_forward(data(x), data(wx), data(wh), data(b), data(y), data(cache), s);
}

void CpuBackend::lstm_backward(const RecurrentShape& s, int truncate, TensorId x, TensorId wx, TensorId wh,
                               TensorId dy, TensorId dx, TensorId dwx, TensorId dwh, TensorId db, TensorId cache) {
  layerlab::lstm_backward(data(x), data(wx), data(wh), data(dy), optional(dx), data(dwx), data(dwh), data(db),
                          data(cache), static_cast<float*>(nullptr), s, truncate);
}

}  // namespace layerlab
