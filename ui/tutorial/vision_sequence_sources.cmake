# vision_sequence_sources.cmake: the sources of tutorials 3, 4 and 6 (convolution, pooling, recurrence and
# gating). The lessons' computations are plain C++ over the engine (the app and tests/ui/lessons compile
# them); the widgets and the photo loader are the app's (ImGui, platform).
set(VISION_SEQUENCE_LESSON_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/lesson_settings.cpp ${CMAKE_CURRENT_LIST_DIR}/lesson_images.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_lesson.cpp ${CMAKE_CURRENT_LIST_DIR}/signal_lesson.cpp ${CMAKE_CURRENT_LIST_DIR}/pool_lesson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rnn_lesson.cpp ${CMAKE_CURRENT_LIST_DIR}/memory_lesson.cpp)
set(VISION_SEQUENCE_WIDGET_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/vision_sequence_widgets.cpp ${CMAKE_CURRENT_LIST_DIR}/photo_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/grid_view.cpp ${CMAKE_CURRENT_LIST_DIR}/lesson_plots.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv_explorer.cpp ${CMAKE_CURRENT_LIST_DIR}/signal_explorer.cpp ${CMAKE_CURRENT_LIST_DIR}/size_quiz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/feature_maps.cpp ${CMAKE_CURRENT_LIST_DIR}/pool_explorer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rnn_unrolled.cpp ${CMAKE_CURRENT_LIST_DIR}/gate_explorer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/memory_race.cpp)
