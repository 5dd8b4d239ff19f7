// basic_widgets.h: the makers of tutorials 1, 2 and 5's widgets, listed by basic_tutorial_widgets().
#pragma once
#include <memory>

#include "widget_api.h"

namespace layerlab::ui {

std::unique_ptr<TutorialWidget> make_neuron_widget();       // neuron_widgets.cpp
std::unique_ptr<TutorialWidget> make_mlp_forward_widget();  // neuron_widgets.cpp
std::unique_ptr<TutorialWidget> make_descent_widget();      // descent_widget.cpp
std::unique_ptr<TutorialWidget> make_param_counter_widget();  // param_counter_widget.cpp

}  // namespace layerlab::ui
