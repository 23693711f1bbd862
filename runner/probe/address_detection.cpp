#include "address_detection.hpp"

#include <filesystem>
#include <fstream>

namespace ctrlab::probe {

void turn_off_address_detection() {
  namespace fs = std::filesystem;
  const fs::path conf = "/proc/sys/net/ipv6/conf";
  std::error_code error;
  // "all" and "default" are entries of the directory like the links.
  for (fs::directory_iterator it(conf, error), end; !error && it != end; it.increment(error)) {
    std::ofstream out(it->path() / "accept_dad");
    out << "0\n";
  }
}

}  // namespace ctrlab::probe
