// introspection_test.cpp: example views point into the Workspace (no copies) and kept gradients are the real ones.
#include "introspection.h"

#include <gtest/gtest.h>

#include "dense.h"
#include "rng.h"

namespace layerlab {
namespace {

ModelSpec small_cnn() {
  ModelSpec spec;
  spec.input = InputShape{2 * 6 * 6, 2, 6, 6};
  std::string error;
  EXPECT_TRUE(parse_layers("conv 3 3x3 same relu, maxpool 2, flatten, dense 4", &spec.layers, &error)) << error;
  return spec;
}

TEST(Introspection, ViewsPointIntoTheWorkspaceWithShapes) {
  const ModelSpec spec = small_cnn();
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  Network net = build_network(spec, 3);
  Workspace ws(net, 5);
  std::vector<float> x(5 * 72);
  Rng rng(1);
  for (float& v : x) v = rng.uniform(0, 1);
  net.forward(ws, x.data(), 5);
  const ValueView in = input_view(spec, ws, 2);
  EXPECT_EQ(in.data, x.data() + 2 * 72);
  const ValueView maps = output_view(shapes, ws, 0, 3);
  EXPECT_EQ(maps.data, ws.output(0) + 3 * 108);
  EXPECT_EQ(maps.shape.channels, 3);
  EXPECT_EQ(maps.shape.height, 6);
  EXPECT_EQ(maps.channel(2), maps.data + 72);
  EXPECT_EQ(output_view(shapes, ws, 2, 0).shape.height, 3);  // after 2x2 pooling
  EXPECT_EQ(gradient_view(shapes, ws, 0, 0).data, nullptr);  // gradients are not kept by default
}

TEST(Introspection, KeptGradientsAreTheBackwardPassOwnAndChangeNothing) {
  const ModelSpec spec = small_cnn();
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  Network a = build_network(spec, 3), b = build_network(spec, 3);
  Workspace wa(a, 2), wb(b, 2);
  wb.set_keep_gradients(true);
  std::vector<float> x(2 * 72), dout(2 * 4);
  Rng rng(2);
  for (float& v : x) v = rng.uniform(0, 1);
  for (float& v : dout) v = rng.uniform(-1, 1);
  a.forward(wa, x.data(), 2);
  a.backward(wa, dout.data(), 2);
  b.forward(wb, x.data(), 2);
  b.backward(wb, dout.data(), 2);
  const Span<const float> ga = a.params().grads(), gb = b.params().grads();
  for (size_t i = 0; i < ga.size; ++i) ASSERT_EQ(ga[i], gb[i]) << i;
  EXPECT_EQ(gradient_view(shapes, wb, 4, 1).data, dout.data() + 4);  // the last layer's is the loss gradient
  // ∂L/∂(flatten output) = dout · W for the dense layer on top.
  const auto& dense = static_cast<const DenseLayer&>(b.layer(4));
  const ValueView g = gradient_view(shapes, wb, 3, 1);
  for (int i = 0; i < 27; ++i) {
    float want = 0;
    for (int o = 0; o < 4; ++o) want += dout[4 + o] * dense.weights()[static_cast<size_t>(o * 27 + i)];
    EXPECT_NEAR(g.data[i], want, 1e-6f) << i;
  }
}

TEST(Introspection, ReceptiveWindowIncludesPadding) {
  Conv2dGeometry g;
  g.height = g.width = 5;
  g.kernel_h = g.kernel_w = 3;
  g.stride = 2;
  g.pad_top = g.pad_left = 1;
  const InputWindow w = receptive_window(g, 0, 1);
  EXPECT_EQ(w.y0, -1);
  EXPECT_EQ(w.x0, 1);
  EXPECT_EQ(w.height, 3);
}

}  // namespace
}  // namespace layerlab
