// backend_network.h: BackendNetwork, an engine Network's layers run as Backend ops (the layers never know which backend).
// Parameters are uploaded from the Network's arena once and stay resident with every activation, gradient and cache;
// one training step (forward, softmax cross-entropy, backward, optimizer update: SGD, momentum or Adam) is one Backend
// step that reads back only the loss (and, when asked, the batch's probabilities). read_parameters copies the trained
// parameters back into the arena; read_state/apply_state carry parameters and optimizer state to the CPU in one readback.
#pragma once
#include <functional>
#include <vector>

#include "backend.h"
#include "network.h"
#include "optimizer.h"

namespace layerlab {

class BackendNetwork {
 public:
  // Runs dense, element-wise activation, flatten, conv2d, max pooling and LSTM layers; throws std::invalid_argument
  // naming any other layer (dropout, softmax, mean/sum pooling, simple RNN) or a convolution the backend refuses.
  // `net` must outlive this object.
  BackendNetwork(Backend& backend, Network& net, int batch);
  ~BackendNetwork();
  BackendNetwork(const BackendNetwork&) = delete;
  BackendNetwork& operator=(const BackendNetwork&) = delete;

  // One SGD step on `batch` examples x (batch, input features) with class labels; *loss (the batch's mean
  // softmax cross-entropy before the update) is written when the step completes, then done() runs.
  void train_step(const float* x, const int* labels, float learning_rate, float* loss, std::function<void()> done);
  // The same on the first n (1..batch) examples, with the optimizer use_optimizer chose (t: Adam's step, from 1);
  // probs (n, classes), when not null, receives the batch's softmax in the same readback.
  void train_step(const float* x, const int* labels, int n, float learning_rate, long t, float* loss, float* probs,
                  std::function<void()> done);

  // The updates of `optimizer`'s kind (SGD, momentum, Adam) with its hyperparameters, its state (velocity; moments)
  // uploaded and kept resident. Throws std::invalid_argument naming a kind the backend has no kernel for.
  void use_optimizer(const Optimizer& optimizer);
  // Every parameter, then every optimizer state slot, in one step with one readback into `destination`
  // (state_floats() values, which must stay valid until done() runs); apply_state puts them into the Network's
  // arena and `optimizer` (the one use_optimizer was given, or one of the same kind and shapes).
  size_t state_floats() const;
  void read_state(float* destination, std::function<void()> done);
  void apply_state(const float* source, Optimizer& optimizer) const;
  // Copies every parameter back into the Network's arena (in one step with one readback), then done() runs.
  void read_parameters(std::function<void()> done);

 private:
  enum class Kind { Dense, Activation, Flatten, Conv2d, MaxPool, Lstm };
  struct Param {
    TensorId value, grad;
    Span<float> host;  // the parameter in the Network's arena
    ParamId id;
    TensorId state[2] = {kNoTensor, kNoTensor};  // momentum: velocity; Adam: m, v
  };
  struct Stage {
    Kind kind;
    const Layer* layer;
    TensorId output, doutput;  // (batch, out_features); flatten aliases its input's
    TensorId cache = kNoTensor;
    std::vector<Param> params;  // dense/conv2d: weights, bias; lstm: wx, wh, b
  };
  TensorId tensor(size_t count);
  Param param(Span<float> value);
  // Stage i on the first n examples (the tensors hold batch_).
  void record_forward(int i, TensorId input, int n);
  void record_backward(int i, TensorId input, TensorId dinput, int n);

  Backend& be_;
  Network& net_;
  int batch_;
  OptimizerConfig optimizer_;  // kind Sgd until use_optimizer
  int state_slots_ = 0;
  std::vector<Stage> stages_;
  std::vector<TensorId> tensors_;  // every tensor made here, destroyed with this object
  TensorId input_, dinput_, labels_, probs_, loss_;
};

}  // namespace layerlab
