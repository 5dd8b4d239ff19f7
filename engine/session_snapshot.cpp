// session_snapshot.cpp: the snapshot's byte layout, written and checked.
#include "session_snapshot.h"

#include "byte_io.h"
#include "dataset_file.h"

namespace layerlab {

namespace {
constexpr uint32_t kMagic = 0x53534C4C;  // "LLSS"
constexpr size_t kRecordBytes = 4 + 8 + 4 * 4;
}  // namespace

std::vector<uint8_t> snapshot_to_bytes(const SessionSnapshot& s) {
  ByteWriter w;
  w.u32(kMagic);
  w.u32(kSnapshotVersion);
  w.str(s.recipe);
  w.u32(static_cast<uint32_t>(s.history.size()));
  for (const EpochRecord& r : s.history) {
    w.i32(r.epoch);
    w.i64(r.step);
    w.f32(r.train.loss);
    w.f32(r.train.accuracy);
    w.f32(r.test.loss);
    w.f32(r.test.accuracy);
  }
  w.u64(s.model.size());
  w.bytes(s.model.data(), s.model.size());
  w.u32(crc32_ieee(w.data().data(), w.data().size()));
  return std::move(w.data());
}

bool snapshot_from_bytes(const uint8_t* data, size_t size, SessionSnapshot* out, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "the saved session " + why;
    return false;
  };
  if (size < 16) return fail("is too short (" + std::to_string(size) + " bytes)");
  if (crc32_ieee(data, size - 4) != ByteReader(data + size - 4, 4).u32()) return fail("is damaged (its checksum does not match)");
  ByteReader r(data, size - 4);
  if (r.u32() != kMagic) return fail("is not a LayerLab session");
  const uint32_t version = r.u32();
  if (version != kSnapshotVersion) return fail("has version " + std::to_string(version) + " (this lab reads 1)");
  SessionSnapshot s;
  if (!r.str(&s.recipe, 8192)) return fail("has an unreadable experiment");
  const uint32_t records = r.u32();
  if (!r.ok() || records > r.remaining() / kRecordBytes) return fail("claims more epochs than it holds");
  s.history.resize(records);
  for (EpochRecord& e : s.history) {
    e.epoch = r.i32();
    e.step = static_cast<long>(r.i64());
    e.train.loss = r.f32();
    e.train.accuracy = r.f32();
    e.test.loss = r.f32();
    e.test.accuracy = r.f32();
  }
  const uint64_t model_size = r.u64();
  if (!r.ok() || model_size != r.remaining()) return fail("has a model of the wrong size");
  s.model.assign(r.position(), r.position() + model_size);
  *out = std::move(s);
  return true;
}

}  // namespace layerlab
