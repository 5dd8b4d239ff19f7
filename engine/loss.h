// loss.h: losses, forward (returns the batch mean) then backward (gradient of that mean).
// Shapes: logits/probs/pred/target (N, C), labels (N) class indices in [0, C).
#pragma once

namespace layerlab {

enum class LossKind { SoftmaxCrossEntropy, MeanSquaredError };
const char* loss_name(LossKind k);

// Fused softmax + cross-entropy, stable for any logits: probs = softmax(logits); returns mean -log p[label].
template <typename T>
T softmax_cross_entropy_forward(const T* logits, const int* labels, T* probs, int n, int classes);
// dlogits = (probs - onehot(labels)) / n
template <typename T>
void softmax_cross_entropy_backward(const T* probs, const int* labels, T* dlogits, int n, int classes);

// Mean over all n*c elements of (pred - target)².
template <typename T>
T mse_forward(const T* pred, const T* target, int n, int c);
// dpred = 2 (pred - target) / (n*c)
template <typename T>
void mse_backward(const T* pred, const T* target, T* dpred, int n, int c);

}  // namespace layerlab
