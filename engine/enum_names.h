// enum_names.h: parse_by_name, the one reverse lookup from a name to an enum value, for every enum that
// has a `const char* xxx_name(E)` function and values 0..count-1.
#pragma once
#include <cstring>

namespace layerlab {

template <typename E>
bool parse_by_name(const char* name, int count, const char* (*name_of)(E), E* out) {
  for (int i = 0; i < count; ++i) {
    const E e = static_cast<E>(i);
    if (std::strcmp(name, name_of(e)) == 0) {
      *out = e;
      return true;
    }
  }
  return false;
}

}  // namespace layerlab
