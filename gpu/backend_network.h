// backend_network.h: BackendNetwork, an engine Network's layers run as Backend ops (the layers never know which backend).
// Parameters are uploaded from the Network's arena once and stay resident with every activation, gradient and cache;
// one training step (forward, softmax cross-entropy, backward, SGD) is one Backend step that reads back only the loss.
// read_parameters copies the trained parameters back into the arena (e.g. to carry on on the CPU).
#pragma once
#include <functional>
#include <vector>

#include "backend.h"
#include "network.h"

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
  // Copies every parameter back into the Network's arena (in one step with one readback), then done() runs.
  void read_parameters(std::function<void()> done);

 private:
  enum class Kind { Dense, Activation, Flatten, Conv2d, MaxPool, Lstm };
  struct Param {
    TensorId value, grad;
    Span<float> host;  // the parameter in the Network's arena
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
  void record_forward(int i, TensorId input);
  void record_backward(int i, TensorId input, TensorId dinput);

  Backend& be_;
  Network& net_;
  int batch_;
  std::vector<Stage> stages_;
  std::vector<TensorId> tensors_;  // every tensor made here, destroyed with this object
  TensorId input_, dinput_, labels_, probs_, loss_;
};

}  // namespace layerlab
