// platform_files.cpp: files_for_dataset, which files each catalog dataset reads (shared by web and desktop).
#include "platform.h"

namespace layerlab::ui {

std::vector<DataFile> files_for_dataset(const std::string& name) {
  const std::string dir = platform_data_dir();
  auto lds = [&](const std::string& file) { return DataFile{"data/" + file, dir + "/" + file}; };
  if (name == "fashion-mnist") return {lds("fashion-mnist-train.lds"), lds("fashion-mnist-test.lds")};
  if (name == "digits" || name == "iris" || name == "wine" || name == "breast-cancer") return {lds(name + ".lds")};
  if (name == "words") return {DataFile{"data/words.txt", "/usr/share/dict/words"}};
  for (const char* temps : {"seattle-temps", "sf-temps"})
    if (name.rfind(temps, 0) == 0)  // the catalog looks in <data dir>/../src/vega-data first
      return {DataFile{std::string("data/") + temps + ".csv", dir + "/../src/vega-data/" + temps + ".csv"}};
  return {};  // generated in memory (memory, memory-N)
}

}  // namespace layerlab::ui
