#include "files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ctrlab::cli {

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw FileError("cannot read " + path.string() + ": read failed");
  return text.str();
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code error;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) throw FileError("cannot create " + path.parent_path().string() + ": " + error.message());
  const auto temporary = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw FileError("cannot write " + temporary.string() + ": " + std::strerror(errno));
    out << text;
    out.flush();
    if (!out) throw FileError("cannot write " + temporary.string() + ": write failed");
  }
  std::filesystem::rename(temporary, path, error);
  if (error) throw FileError("cannot write " + path.string() + ": " + error.message());
}

}  // namespace ctrlab::cli
