// loss.h: losses, forward (returns the batch mean) then backward (gradient of that mean).
// Shapes: logits/probs/pred/target (N, C), labels (N) class indices in [0, C).
#pragma once

namespace layerlab {

enum class LossKind { SoftmaxCrossEntropy, MeanSquaredError, BinaryCrossEntropy };
const char* loss_name(LossKind k);

// Fused softmax + cross-entropy, stable for any logits: probs = softmax(logits); returns mean -log p[label].
template <typename T>
T softmax_cross_entropy_forward(const T* logits, const int* labels, T* probs, int n, int classes);
// dlogits = (probs - onehot(labels)) / n
template <typename T>
void softmax_cross_entropy_backward(const T* probs, const int* labels, T* dlogits, int n, int classes);

// Binary cross-entropy fused with the sigmoid, for one logit z per example and a target t in {0, 1}:
// mean of max(z, 0) − z·t + log(1 + e^−|z|) (never overflows); dlogits = (σ(z) − t) / n.
template <typename T>
T binary_cross_entropy_forward(const T* logits, const int* labels, int n);
template <typename T>
void binary_cross_entropy_backward(const T* logits, const int* labels, T* dlogits, int n);

// Mean over all n*c elements of (pred - target)².
template <typename T>
T mse_forward(const T* pred, const T* target, int n, int c);
// dpred = 2 (pred - target) / (n*c)
template <typename T>
void mse_backward(const T* pred, const T* target, T* dpred, int n, int c);

}  // namespace layerlab
