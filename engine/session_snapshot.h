// session_snapshot.h: SessionSnapshot, what the lab autosaves so a reload continues where the learner was:
// the experiment (its URL-hash text), the model file (weights and optimizer state) and the epoch history.
// One checksummed blob: "LLSS", version, recipe, history, model bytes, CRC-32 of everything before it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "training_session.h"

namespace layerlab {

constexpr uint32_t kSnapshotVersion = 1;

struct SessionSnapshot {
  std::string recipe;               // encode_lab_recipe's text
  std::vector<EpochRecord> history;
  std::vector<uint8_t> model;       // model_to_bytes (its metadata holds the epoch and step)
};

std::vector<uint8_t> snapshot_to_bytes(const SessionSnapshot& s);
// False with one sentence in *error for anything but an intact snapshot (short, wrong magic or version,
// absurd counts, a bad checksum); never allocates more than the bytes present justify.
bool snapshot_from_bytes(const uint8_t* data, size_t size, SessionSnapshot* out, std::string* error);

}  // namespace layerlab
