// size_quiz.h: size_quiz, the learner predicts a convolution's output size for given n, k, p, s before the
// engine's answer is shown. Facts: size.*.
#pragma once
#include <memory>

#include "tutorial/widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_size_quiz();

}  // namespace layerlab::ui
