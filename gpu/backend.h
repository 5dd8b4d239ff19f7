// backend.h: Backend, the op boundary: tensors as integer handles, ops recorded into steps, reads delivered when a step completes.
//
// A step is begin_step(), any number of ops and read()s, then end_step(done). Ops run in the order they
// were recorded. A read() delivers the tensor's value at the END of its step (not where it was recorded),
// into the caller's memory, when `done` is called: at once on the CPU, asynchronously on WebGPU (after
// one mapAsync for all the reads of the step). write() takes effect before the next step's first op.
// Every op mirrors the engine kernel of the same name (engine/*.h): same shapes, row-major, NCHW,
// float32; parameter gradients accumulate (+=), input gradients are assigned (=). Labels are int32.
// The tensors of one op are distinct (no op works in place).
#pragma once
#include <cstddef>
#include <functional>

#include "activation.h"
#include "conv2d.h"
#include "lstm.h"
#include "pooling.h"

namespace layerlab {

using TensorId = int;
constexpr TensorId kNoTensor = -1;

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;

  // A tensor of `count` 4-byte values (floats, or int32 labels), zero-filled.
  virtual TensorId create_tensor(size_t count) = 0;
  virtual void destroy_tensor(TensorId t) = 0;
  virtual void write(TensorId t, const float* values, size_t count) = 0;
  virtual void write_labels(TensorId t, const int* labels, size_t count) = 0;

  virtual void begin_step() = 0;
  // Calls done() once every op of the step has run and every read() of the step has been delivered.
  virtual void end_step(std::function<void()> done) = 0;
  virtual void read(TensorId t, float* destination, size_t count) = 0;
  virtual void zero(TensorId t) = 0;

  // y = x · wᵀ + b; x (N, In), w (Out, In), b (Out), y (N, Out)
  virtual void dense_forward(TensorId x, TensorId w, TensorId b, TensorId y, int n, int in, int out) = 0;
  // dx = dy · w (skipped when dx is kNoTensor), dw += dyᵀ · x, db += Σₙ dy
  virtual void dense_backward(TensorId x, TensorId w, TensorId dy, TensorId dx, TensorId dw, TensorId db, int n,
                              int in, int out) = 0;

  // Element-wise activations over `count` values (not softmax); backward takes the forward output y.
  virtual void activation_forward(Activation a, TensorId x, TensorId y, size_t count) = 0;
  virtual void activation_backward(Activation a, TensorId y, TensorId dy, TensorId dx, size_t count) = 0;

  // probs = softmax(logits); loss (1 value) = mean −log p[label]; dlogits = (probs − onehot) / n
  virtual void softmax_cross_entropy_forward(TensorId logits, TensorId labels, TensorId probs, TensorId loss, int n,
                                             int classes) = 0;
  virtual void softmax_cross_entropy_backward(TensorId probs, TensorId labels, TensorId dlogits, int n,
                                              int classes) = 0;

  // The optimizer updates of optimizer.h over `count` parameters; adam's t counts from 1.
  virtual void sgd_update(TensorId w, TensorId g, size_t count, float lr) = 0;
  virtual void momentum_update(TensorId w, TensorId g, TensorId v, size_t count, float lr, float momentum) = 0;
  virtual void adam_update(TensorId w, TensorId g, TensorId m, TensorId v, size_t count, float lr, float beta1,
                           float beta2, float epsilon, long t) = 0;

  // conv2d.h for n examples; a backend may refuse some geometries (WebGPU: zero padding only).
  virtual bool supports(const Conv2dGeometry&) const { return true; }
  virtual void conv2d_forward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId b, TensorId y, int n) = 0;
  virtual void conv2d_backward(const Conv2dGeometry& g, TensorId x, TensorId w, TensorId dy, TensorId dx,
                               TensorId dw, TensorId db, int n) = 0;

  // pooling.h, max pooling: the gradient goes to the first largest value of each window.
  virtual void max_pool_forward(const Pool2dGeometry& g, TensorId x, TensorId y, int n) = 0;
  virtual void max_pool_backward(const Pool2dGeometry& g, TensorId x, TensorId dy, TensorId dx, int n) = 0;

  // lstm.h over a whole sequence; `cache` holds lstm_cache_floats(s) values and carries what forward leaves
  // for backward (only backward reads it; its layout is the backend's own). Backward: truncated BPTT as
  // lstm_backward, dx assigned (skipped when kNoTensor), dwx, dwh, db accumulated; no per-step gradient norms.
  virtual void lstm_forward(const RecurrentShape& s, TensorId x, TensorId wx, TensorId wh, TensorId b, TensorId y,
                            TensorId cache) = 0;
  virtual void lstm_backward(const RecurrentShape& s, int truncate, TensorId x, TensorId wx, TensorId wh, TensorId dy,
                             TensorId dx, TensorId dwx, TensorId dwh, TensorId db, TensorId cache) = 0;
};

}  // namespace layerlab
