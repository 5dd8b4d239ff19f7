// parameter_arena_test.cpp: one block, stable views, explicit zero_grad, owners by flat index.
#include "parameter_arena.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace layerlab {
namespace {

TEST(ParameterArena, ViewsAreContiguousAndDisjoint) {
  ParameterArena arena;
  const ParamId a = arena.reserve("a", 3), b = arena.reserve("b", 5);
  arena.allocate();
  EXPECT_EQ(arena.total_size(), 8u);
  EXPECT_EQ(arena.value(a).data + 3, arena.value(b).data);
  EXPECT_EQ(arena.grad(b).size, 5u);
  EXPECT_EQ(arena.owner_of(2), a);
  EXPECT_EQ(arena.owner_of(3), b);
  EXPECT_EQ(arena.owner_of(8), -1);
  EXPECT_EQ(arena.info(b).name, "b");
}

TEST(ParameterArena, ReserveAfterAllocateIsRefused) {
  ParameterArena arena;
  arena.reserve("a", 1);
  arena.allocate();
  EXPECT_THROW(arena.reserve("late", 1), std::logic_error);
}

TEST(ParameterArena, ZeroGradClearsOnlyGradients) {
  ParameterArena arena;
  const ParamId a = arena.reserve("a", 4);
  arena.allocate();
  for (float& v : arena.value(a)) v = 2.0f;
  for (float& g : arena.grad(a)) g = 3.0f;
  arena.zero_grad();
  for (float v : arena.value(a)) EXPECT_EQ(v, 2.0f);
  for (float g : arena.grad(a)) EXPECT_EQ(g, 0.0f);
}

}  // namespace
}  // namespace layerlab
